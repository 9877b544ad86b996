package org.mailpush.store.jdbc;

import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import org.mailpush.cluster.NodeId;
import org.mailpush.cluster.TerminalDirectory;
import org.mailpush.device.DeviceId;

/**
 * The directory of terminals in table {@code terminal_directory}, one row per terminal, held or ended.
 * Holding updates the row or inserts it; two nodes inserting one terminal's row at once collide on its
 * key, and the loser runs again ({@link Transactions}) and takes the row over, as a later hello would.
 */
final class JdbcTerminalDirectory implements TerminalDirectory {
    private final Transactions transactions;

    JdbcTerminalDirectory(Transactions transactions) {
        this.transactions = transactions;
    }

    @Override
    public void hold(NodeId node, DeviceId device, Instant until) {
        transactions.execute("record that node " + node + " holds terminal " + device, connection -> {
            if (Sql.update(connection, "UPDATE terminal_directory SET node_id = ?, held_until = ? WHERE device_id = ?",
                    node.value(), until, device.value()) == 0) {
                Sql.update(connection, "INSERT INTO terminal_directory (device_id, node_id, held_until) VALUES (?, ?, ?)",
                        device.value(), node.value(), until);
            }
        });
    }

    @Override
    public int renew(NodeId node, Instant now, Instant until) {
        return transactions.run("renew the terminals of node " + node, connection -> {
            Sql.update(connection, "DELETE FROM terminal_directory WHERE held_until < ?", now.minus(FORGET_AFTER));
            return Sql.update(connection, "UPDATE terminal_directory SET held_until = ? WHERE node_id = ? AND held_until > ?",
                    until, node.value(), now);
        });
    }

    @Override
    public void release(NodeId node, DeviceId device, Instant at) {
        transactions.execute("release terminal " + device + " from node " + node, connection -> Sql.update(connection,
                "UPDATE terminal_directory SET held_until = ? WHERE device_id = ? AND node_id = ? AND held_until > ?",
                at, device.value(), node.value(), at));
    }

    @Override
    public void releaseAll(NodeId node, Instant at) {
        transactions.execute("release the terminals of node " + node, connection -> Sql.update(connection,
                "UPDATE terminal_directory SET held_until = ? WHERE node_id = ? AND held_until > ?", at, node.value(), at));
    }

    @Override
    public Map<DeviceId, Lease> leases(Collection<DeviceId> devices) {
        if (devices.isEmpty()) {
            return Map.of();
        }
        String in = String.join(", ", Collections.nCopies(devices.size(), "?"));
        return transactions.run("find the holders of " + devices.size() + " terminals", connection -> {
            Map<DeviceId, Lease> leases = new HashMap<>();
            for (var row : Sql.list(connection, "SELECT device_id, node_id, held_until FROM terminal_directory WHERE device_id IN (" + in + ")",
                    row -> Map.entry(new DeviceId(row.getString(1)), new Lease(new NodeId(row.getString(2)), Sql.instant(row, "held_until"))),
                    devices.stream().map(DeviceId::value).toArray())) {
                leases.put(row.getKey(), row.getValue());
            }
            return leases;
        });
    }
}
