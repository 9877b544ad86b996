package org.mailpush.store.jdbc;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.mailpush.device.DeviceId;
import org.mailpush.presence.Location;
import org.mailpush.presence.PowerState;
import org.mailpush.presence.Proximity;
import org.mailpush.presence.ReportStore;
import org.mailpush.presence.Temperature;
import org.mailpush.presence.UsageReport;

/**
 * Each device's latest usage report in table {@code reports}, one column per reading, and its reports
 * of the last day, without location, in {@code report_history}.
 */
final class JdbcReportStore implements ReportStore {
    private final Transactions transactions;

    JdbcReportStore(Transactions transactions) {
        this.transactions = transactions;
    }

    @Override
    public void record(DeviceId device, UsageReport report) {
        transactions.execute("record a report of device " + device, connection -> write(connection, device, report));
    }

    /** Every device's reports in one transaction: a second of heartbeats from thousands of terminals is one commit. */
    @Override
    public void record(Map<DeviceId, List<UsageReport>> reports) {
        int count = reports.values().stream().mapToInt(List::size).sum();
        transactions.execute("record " + count + " reports of " + reports.size() + " devices", connection -> {
            for (Map.Entry<DeviceId, List<UsageReport>> device : reports.entrySet()) {
                for (UsageReport report : device.getValue()) {
                    write(connection, device.getKey(), report);
                }
            }
        });
    }

    private static void write(Connection connection, DeviceId device, UsageReport report) throws SQLException {
        String id = device.value();
        Instant at = report.reportedAt();
        Instant lastInput = report.lastInput().orElse(null);
        Double celsius = report.temperature().map(Temperature::celsius).orElse(null);
        Location location = report.location().orElse(null);
        Double latitude = location == null ? null : location.latitude();
        Double longitude = location == null ? null : location.longitude();
        Double accuracy = location == null ? null : location.accuracyMetres();
        if (!Sql.exists(connection, "SELECT 1 FROM devices WHERE id = ?", id)) {
            return; // removed while it reported: its reports went with it
        }
        // Updated in place, never deleted: a concurrent update waits for this row and then
        // compares its own time with the time committed here.
        int updated = Sql.update(connection, """
                UPDATE reports SET reported_at = ?, power = ?, last_input = ?, proximity = ?, temperature = ?,
                                   latitude = ?, longitude = ?, accuracy_metres = ?
                WHERE device_id = ? AND reported_at <= ?""",
                at, report.power(), lastInput, report.proximity(), celsius, latitude, longitude, accuracy, id, at);
        if (updated == 0 && !Sql.exists(connection, "SELECT 1 FROM reports WHERE device_id = ?", id)) {
            Sql.update(connection, """
                    INSERT INTO reports (device_id, reported_at, power, last_input, proximity, temperature,
                                         latitude, longitude, accuracy_metres)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                    id, at, report.power(), lastInput, report.proximity(), celsius, latitude, longitude, accuracy);
        }
        // The history: a report of the same moment replaces the one kept, and what is past the history goes.
        Sql.update(connection, "DELETE FROM report_history WHERE device_id = ? AND (reported_at = ? OR reported_at < ?)",
                id, at, at.minus(HISTORY));
        Sql.update(connection, """
                INSERT INTO report_history (device_id, reported_at, power, last_input, proximity, temperature)
                VALUES (?, ?, ?, ?, ?, ?)""", id, at, report.power(), lastInput, report.proximity(), celsius);
    }

    @Override
    public List<UsageReport> history(DeviceId device, Instant since) {
        String id = device.value();
        return transactions.run("read the report history of device " + device, connection -> {
            List<UsageReport> reports = new ArrayList<>(Sql.list(connection, """
                    SELECT * FROM report_history WHERE device_id = ? AND reported_at < ?
                    ORDER BY reported_at DESC FETCH FIRST 1 ROWS ONLY""", JdbcReportStore::historic, id, since));
            reports.addAll(Sql.list(connection, "SELECT * FROM report_history WHERE device_id = ? AND reported_at >= ? ORDER BY reported_at",
                    JdbcReportStore::historic, id, since));
            return reports;
        });
    }

    @Override
    public Optional<UsageReport> latest(DeviceId device) {
        return transactions.run("read the report of device " + device, connection -> Sql.first(connection,
                "SELECT * FROM reports WHERE device_id = ?", JdbcReportStore::report, device.value()));
    }

    @Override
    public Map<DeviceId, UsageReport> latest(Collection<DeviceId> devices) {
        if (devices.isEmpty()) {
            return Map.of();
        }
        String places = String.join(", ", Collections.nCopies(devices.size(), "?"));
        Object[] ids = devices.stream().map(DeviceId::value).toArray();
        return transactions.run("read the reports of " + devices.size() + " devices", connection -> Sql.list(connection,
                        "SELECT * FROM reports WHERE device_id IN (" + places + ")",
                        row -> Map.entry(new DeviceId(row.getString("device_id")), report(row)), ids))
                .stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private static UsageReport report(ResultSet row) throws SQLException {
        Double latitude = Sql.nullableDouble(row, "latitude");
        Optional<Location> location = latitude == null
                ? Optional.empty()
                : Optional.of(new Location(latitude, row.getDouble("longitude"), row.getDouble("accuracy_metres")));
        return readings(row, location);
    }

    /** A report of the history, which keeps no location. */
    private static UsageReport historic(ResultSet row) throws SQLException {
        return readings(row, Optional.empty());
    }

    private static UsageReport readings(ResultSet row, Optional<Location> location) throws SQLException {
        Double celsius = Sql.nullableDouble(row, "temperature");
        Instant lastInput = Sql.instant(row, "last_input");
        return new UsageReport(Sql.instant(row, "reported_at"), PowerState.valueOf(row.getString("power")),
                Optional.ofNullable(lastInput), Proximity.valueOf(row.getString("proximity")),
                Optional.ofNullable(celsius).map(Temperature::new), location);
    }
}
