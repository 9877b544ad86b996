package org.mailpush.store.jdbc;

import java.util.Optional;
import org.mailpush.device.DeviceId;
import org.mailpush.device.DeviceTokens;
import org.mailpush.device.TokenHash;

/** Each device's token hash in table {@code device_tokens}. */
final class JdbcDeviceTokens implements DeviceTokens {
    private final Transactions transactions;

    JdbcDeviceTokens(Transactions transactions) {
        this.transactions = transactions;
    }

    @Override
    public void issue(DeviceId device, TokenHash token) {
        transactions.execute("issue a token to device " + device, connection -> {
            // The device's old token goes, and so does this token from any device that held it.
            Sql.update(connection, "DELETE FROM device_tokens WHERE device_id = ? OR token_hash = ?", device.value(), token.hex());
            Sql.update(connection, "INSERT INTO device_tokens (device_id, token_hash) VALUES (?, ?)", device.value(), token.hex());
        });
    }

    @Override
    public Optional<DeviceId> deviceOf(TokenHash token) {
        return transactions.run("look up the device of " + token, connection -> Sql.first(connection,
                "SELECT device_id FROM device_tokens WHERE token_hash = ?", row -> new DeviceId(row.getString(1)), token.hex()));
    }

    @Override
    public boolean revoke(DeviceId device) {
        return transactions.run("revoke the token of device " + device, connection ->
                Sql.update(connection, "DELETE FROM device_tokens WHERE device_id = ?", device.value()) > 0);
    }
}
