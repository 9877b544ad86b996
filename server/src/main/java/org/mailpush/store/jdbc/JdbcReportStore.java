package org.mailpush.store.jdbc;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
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

    /**
     * Every device's reports in one transaction, each statement once for all of them (a JDBC batch): a
     * second of heartbeats from thousands of terminals is one commit and a handful of round trips.
     * The same as recording them one by one: each device keeps its newest, and its history every
     * report (one per moment, the last given), less what is past the history before its newest. A
     * device that has reported before is known by its row's update, so a heartbeat costs no look-up of
     * the device.
     */
    @Override
    public void record(Map<DeviceId, List<UsageReport>> reports) {
        int count = reports.values().stream().mapToInt(List::size).sum();
        transactions.execute("record " + count + " reports of " + reports.size() + " devices", connection -> {
            List<DeviceId> devices = List.copyOf(reports.keySet());
            List<UsageReport> newest = devices.stream()
                    // Of two of the same moment, the later given, as one by one.
                    .map(device -> reports.get(device).stream().reduce((a, b) -> b.reportedAt().isBefore(a.reportedAt()) ? a : b).orElseThrow())
                    .toList();
            int[] updated = Sql.batch(connection, """
                    UPDATE reports SET reported_at = ?, power = ?, last_input = ?, proximity = ?, temperature = ?,
                                       latitude = ?, longitude = ?, accuracy_metres = ?
                    WHERE device_id = ? AND reported_at <= ?""",
                    IntStream.range(0, devices.size()).mapToObj(i -> latest(devices.get(i), newest.get(i), true)).toList());
            // Not updated: a device's first report, one older than the report kept, or a device removed while it
            // reported (its reports went with it, and its history must not come back).
            List<Integer> known = new ArrayList<>();
            for (int i = 0; i < devices.size(); i++) {
                String id = devices.get(i).value();
                if (updated[i] > 0 || Sql.exists(connection, "SELECT 1 FROM reports WHERE device_id = ?", id)) {
                    known.add(i);
                } else if (Sql.exists(connection, "SELECT 1 FROM devices WHERE id = ?", id)) {
                    Sql.update(connection, """
                            INSERT INTO reports (reported_at, power, last_input, proximity, temperature,
                                                 latitude, longitude, accuracy_metres, device_id)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""", latest(devices.get(i), newest.get(i), false));
                    known.add(i);
                }
            }
            // One history row per moment, the last report given for it.
            Map<List<Object>, Object[]> history = new LinkedHashMap<>();
            for (int i : known) {
                DeviceId device = devices.get(i);
                reports.get(device).forEach(report -> history.put(List.of(device.value(), report.reportedAt()), historic(device, report)));
            }
            Sql.batch(connection, "DELETE FROM report_history WHERE device_id = ? AND reported_at = ?",
                    history.keySet().stream().map(List::toArray).toList());
            Sql.batch(connection, """
                    INSERT INTO report_history (device_id, reported_at, power, last_input, proximity, temperature)
                    VALUES (?, ?, ?, ?, ?, ?)""", List.copyOf(history.values()));
            Sql.batch(connection, "DELETE FROM report_history WHERE device_id = ? AND reported_at < ?",
                    known.stream().map(i -> new Object[] {devices.get(i).value(), newest.get(i).reportedAt().minus(HISTORY)}).toList());
        });
    }

    /** A device's newest report as the parameters of the update (its time twice) or of the insert. */
    private static Object[] latest(DeviceId device, UsageReport report, boolean update) {
        Location location = report.location().orElse(null);
        List<Object> values = new ArrayList<>(Arrays.asList(report.reportedAt(), report.power(), report.lastInput().orElse(null),
                report.proximity(), report.temperature().map(Temperature::celsius).orElse(null),
                location == null ? null : location.latitude(), location == null ? null : location.longitude(),
                location == null ? null : location.accuracyMetres(), device.value()));
        if (update) {
            values.add(report.reportedAt());
        }
        return values.toArray();
    }

    private static Object[] historic(DeviceId device, UsageReport report) {
        return new Object[] {device.value(), report.reportedAt(), report.power(), report.lastInput().orElse(null), report.proximity(),
                report.temperature().map(Temperature::celsius).orElse(null)};
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
