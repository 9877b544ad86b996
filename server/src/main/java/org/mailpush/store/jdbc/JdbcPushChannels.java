package org.mailpush.store.jdbc;

import java.net.URI;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.mailpush.device.DeviceId;
import org.mailpush.device.PushChannel;
import org.mailpush.device.PushChannels;

/** The push channels in table {@code push_channels}, one row per endpoint; a removed device takes its rows along. */
final class JdbcPushChannels implements PushChannels {
    private static final String SELECT =
            "SELECT endpoint, device_id, kind, p256dh, auth, added_at, last_success_at, last_failure_at, last_failure FROM push_channels";

    private final Transactions transactions;

    JdbcPushChannels(Transactions transactions) {
        this.transactions = transactions;
    }

    @Override
    public void add(PushChannel channel, Instant now) {
        transactions.execute("add a push channel to device " + channel.device(), connection -> {
            Sql.update(connection, "DELETE FROM push_channels WHERE endpoint = ?", channel.endpoint().toString());
            List<String> kept = Sql.list(connection, "SELECT endpoint FROM push_channels WHERE device_id = ? ORDER BY added_at, endpoint",
                    row -> row.getString(1), channel.device().value());
            for (String oldest : kept.subList(0, Math.max(0, kept.size() - MAX_PER_DEVICE + 1))) {
                Sql.update(connection, "DELETE FROM push_channels WHERE endpoint = ?", oldest);
            }
            Sql.update(connection, "INSERT INTO push_channels (endpoint, device_id, kind, p256dh, auth, added_at) VALUES (?, ?, ?, ?, ?, ?)",
                    channel.endpoint().toString(), channel.device().value(), channel.kind().token(), channel.p256dh(), channel.auth(), now);
        });
    }

    @Override
    public Map<DeviceId, List<Listed>> listed(Collection<DeviceId> devices) {
        if (devices.isEmpty()) {
            return Map.of();
        }
        return transactions.run("read the push channels of " + devices.size() + " devices", connection -> byDevice(connection, devices));
    }

    private static Map<DeviceId, List<Listed>> byDevice(Connection connection, Collection<DeviceId> devices) throws SQLException {
        String marks = String.join(", ", devices.stream().map(d -> "?").toList());
        Map<DeviceId, List<Listed>> found = new HashMap<>();
        for (Listed listed : Sql.list(connection, SELECT + " WHERE device_id IN (" + marks + ") ORDER BY added_at, endpoint",
                JdbcPushChannels::listed, devices.stream().map(DeviceId::value).toArray())) {
            found.computeIfAbsent(listed.channel().device(), d -> new ArrayList<>()).add(listed);
        }
        return found;
    }

    @Override
    public void outcome(PushChannel channel, Optional<String> failure, Instant at) {
        String where = " WHERE device_id = ? AND endpoint = ?";
        transactions.execute("record a push through a channel of " + channel.device(), connection -> {
            if (failure.isEmpty()) {
                Sql.update(connection, "UPDATE push_channels SET last_success_at = ?" + where, at, channel.device().value(),
                        channel.endpoint().toString());
            } else {
                Sql.update(connection, "UPDATE push_channels SET last_failure_at = ?, last_failure = ?" + where, at,
                        PushChannels.cut(failure.get()), channel.device().value(), channel.endpoint().toString());
            }
        });
    }

    @Override
    public boolean remove(DeviceId device, URI endpoint) {
        return transactions.run("remove a push channel of " + device, connection -> Sql.update(connection,
                "DELETE FROM push_channels WHERE device_id = ? AND endpoint = ?", device.value(), endpoint.toString()) > 0);
    }

    private static Listed listed(ResultSet row) throws SQLException {
        var channel = new PushChannel(new DeviceId(row.getString("device_id")), PushChannel.Kind.of(row.getString("kind")),
                URI.create(row.getString("endpoint")), row.getString("p256dh"), row.getString("auth"));
        return new Listed(channel, Sql.instant(row, "added_at"), Optional.ofNullable(Sql.instant(row, "last_success_at")),
                Optional.ofNullable(Sql.instant(row, "last_failure_at")), Optional.ofNullable(row.getString("last_failure")));
    }
}
