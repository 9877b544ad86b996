package org.mailpush.store.jdbc;

import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.mailpush.cluster.NodeId;
import org.mailpush.cluster.TerminalDirectory;
import org.mailpush.device.DeviceId;

/**
 * The directory of terminals in table {@code terminal_directory}, one row per held terminal. Holding
 * updates the row or inserts it; two nodes inserting one terminal's row at once collide on its key,
 * and the loser runs again ({@link Transactions}) and takes the row over, as a later hello would.
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
            Sql.update(connection, "DELETE FROM terminal_directory WHERE held_until < ?", now);
            return Sql.update(connection, "UPDATE terminal_directory SET held_until = ? WHERE node_id = ?", until, node.value());
        });
    }

    @Override
    public void release(NodeId node, DeviceId device) {
        transactions.execute("release terminal " + device + " from node " + node, connection -> Sql.update(connection,
                "DELETE FROM terminal_directory WHERE device_id = ? AND node_id = ?", device.value(), node.value()));
    }

    @Override
    public void releaseAll(NodeId node) {
        transactions.execute("release the terminals of node " + node, connection -> Sql.update(connection,
                "DELETE FROM terminal_directory WHERE node_id = ?", node.value()));
    }

    @Override
    public Map<DeviceId, NodeId> holders(Collection<DeviceId> devices, Instant now) {
        if (devices.isEmpty()) {
            return Map.of();
        }
        List<Object> parameters = new java.util.ArrayList<>(devices.stream().map(DeviceId::value).toList());
        parameters.add(now);
        String in = String.join(", ", Collections.nCopies(devices.size(), "?"));
        return transactions.run("find the holders of " + devices.size() + " terminals", connection -> {
            Map<DeviceId, NodeId> holders = new HashMap<>();
            for (var row : Sql.list(connection, "SELECT device_id, node_id FROM terminal_directory WHERE device_id IN (" + in
                    + ") AND held_until >= ?", row -> Map.entry(new DeviceId(row.getString(1)), new NodeId(row.getString(2))),
                    parameters.toArray())) {
                holders.put(row.getKey(), row.getValue());
            }
            return holders;
        });
    }
}
