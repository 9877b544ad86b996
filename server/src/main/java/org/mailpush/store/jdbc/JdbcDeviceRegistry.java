package org.mailpush.store.jdbc;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.mailpush.device.Capabilities;
import org.mailpush.device.Device;
import org.mailpush.device.DeviceAddress;
import org.mailpush.device.DeviceId;
import org.mailpush.device.DeviceRegistry;
import org.mailpush.device.DeviceType;
import org.mailpush.user.UserId;

/** The terminals in tables {@code devices} and {@code device_addresses}. */
final class JdbcDeviceRegistry implements DeviceRegistry {
    private static final String COLUMNS = "id, owner, name, type, pictures, colour, max_mail_bytes, attachment_types";

    private final Transactions transactions;

    JdbcDeviceRegistry(Transactions transactions) {
        this.transactions = transactions;
    }

    @Override
    public boolean save(Device device) {
        String id = device.id().value();
        Capabilities can = device.capabilities();
        String types = JsonLists.write(can.attachmentTypes());
        return transactions.run("save device " + id, connection -> {
            int updated = Sql.update(connection, """
                    UPDATE devices SET name = ?, type = ?, pictures = ?, colour = ?, max_mail_bytes = ?, attachment_types = ?
                    WHERE id = ? AND owner = ?""",
                    device.name(), device.type(), can.pictures(), can.colour(), can.maxMailBytes(), types, id, device.owner().value());
            if (updated == 0) {
                if (Sql.exists(connection, "SELECT 1 FROM devices WHERE id = ?", id)) {
                    return false;
                }
                Sql.update(connection, "INSERT INTO devices (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                        id, device.owner().value(), device.name(), device.type(), can.pictures(), can.colour(), can.maxMailBytes(), types);
            }
            Sql.update(connection, "DELETE FROM device_addresses WHERE device_id = ?", id);
            for (int position = 0; position < device.addresses().size(); position++) {
                Sql.update(connection, "INSERT INTO device_addresses (device_id, position, uri) VALUES (?, ?, ?)",
                        id, position, device.addresses().get(position).uri());
            }
            return true;
        });
    }

    @Override
    public Optional<Device> find(DeviceId id) {
        return transactions.run("find device " + id, connection -> devices(connection, "id", id.value()).stream().findFirst());
    }

    @Override
    public List<Device> devicesOf(UserId owner) {
        return transactions.run("list the devices of " + owner, connection -> devices(connection, "owner", owner.value()).stream()
                // Sorted here: the database's collation may not order by character code.
                .sorted(Comparator.comparing(Device::id))
                .toList());
    }

    @Override
    public boolean remove(UserId owner, DeviceId id) {
        return transactions.run("remove device " + id, connection ->
                Sql.update(connection, "DELETE FROM devices WHERE id = ? AND owner = ?", id.value(), owner.value()) > 0);
    }

    /** The devices whose column {@code id} or {@code owner} has this value, with their addresses. */
    private static List<Device> devices(Connection connection, String column, String value) throws SQLException {
        // One row per address, in their order, and one without for a device that has none.
        List<Map.Entry<Device, Optional<DeviceAddress>>> rows = Sql.list(connection, """
                        SELECT d.id, d.owner, d.name, d.type, d.pictures, d.colour, d.max_mail_bytes, d.attachment_types, a.uri
                        FROM devices d LEFT JOIN device_addresses a ON a.device_id = d.id
                        WHERE d.%s = ? ORDER BY d.id, a.position""".formatted(column),
                row -> Map.entry(device(row, List.of()), Optional.ofNullable(row.getString("uri")).map(DeviceAddress::parse)), value);
        Map<DeviceId, Device> devices = new LinkedHashMap<>();
        Map<DeviceId, List<DeviceAddress>> addresses = new HashMap<>();
        for (var row : rows) {
            DeviceId id = row.getKey().id();
            devices.putIfAbsent(id, row.getKey());
            row.getValue().ifPresent(address -> addresses.computeIfAbsent(id, any -> new ArrayList<>()).add(address));
        }
        return devices.values().stream()
                .map(d -> new Device(d.id(), d.owner(), d.name(), d.type(), d.capabilities(), addresses.getOrDefault(d.id(), List.of())))
                .toList();
    }

    private static Device device(ResultSet row, List<DeviceAddress> addresses) throws SQLException {
        var capabilities = new Capabilities(row.getBoolean("pictures"), row.getBoolean("colour"), row.getLong("max_mail_bytes"),
                new HashSet<>(JsonLists.read(row.getString("attachment_types"))));
        return new Device(new DeviceId(row.getString("id")), new UserId(row.getString("owner")), row.getString("name"),
                DeviceType.valueOf(row.getString("type")), capabilities, addresses);
    }
}
