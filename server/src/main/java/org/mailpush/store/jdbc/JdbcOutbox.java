package org.mailpush.store.jdbc;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.mailpush.device.DeviceId;
import org.mailpush.mail.MailFlags;
import org.mailpush.mail.MailId;
import org.mailpush.push.Outbox;
import org.mailpush.push.OutboxEntry;
import org.mailpush.push.Payload;

/**
 * The deliveries in table {@code outbox}, each device's last sequence number in its row of
 * {@code devices}.
 *
 * <p>An append raises the counter of each device it delivers to by the number of its deliveries
 * there ({@code UPDATE devices SET outbox_seq = outbox_seq + n}) and reads it back; the update locks
 * the device's row until the append commits or rolls back. A concurrent append for the same device
 * waits for that lock and then raises the committed value, so no two appends ever share a number, and
 * a rolled-back append leaves no gap. Appends lock their devices in the order of the device ids, so
 * two appends to the same devices cannot deadlock. An acknowledgement locks the device's row too, so
 * that of two concurrent ones each entry is reported by one only.
 */
final class JdbcOutbox implements Outbox {
    /** Longest failure reason kept, in characters (column {@code failure}). */
    private static final int MAX_FAILURE = 300;
    private static final String SELECT = """
            SELECT device_id, seq, kind, mail_id, pushed_to, seen, flagged, deleted, queued_at, sent_at, acked_at, attempts, failure
            FROM outbox
            """;

    /** How a payload's kind is stored in column {@code kind}. */
    private enum Kind { FULL, HINT, FLAGS, RETRACT, POLICY }

    private final Transactions transactions;

    JdbcOutbox(Transactions transactions) {
        this.transactions = transactions;
    }

    @Override
    public List<OutboxEntry> append(List<OutboxEntry.Addressed> deliveries, Instant now) {
        if (deliveries.isEmpty()) {
            return List.of();
        }
        return transactions.run("append to the outbox", connection -> append(connection, deliveries, now));
    }

    /** Appends within the caller's transaction, as {@link #append(List, Instant)} does in one of its own. */
    static List<OutboxEntry> append(Connection connection, List<OutboxEntry.Addressed> deliveries, Instant now) throws SQLException {
        // The timestamp columns keep microseconds: what is returned is what will be read back.
        Instant queuedAt = now.truncatedTo(ChronoUnit.MICROS);
        Map<DeviceId, Long> counts = deliveries.stream()
                .collect(Collectors.groupingBy(OutboxEntry.Addressed::device, TreeMap::new, Collectors.counting()));
        Map<DeviceId, Long> next = new HashMap<>();
        for (Map.Entry<DeviceId, Long> count : counts.entrySet()) {
            nextSeq(connection, count.getKey(), count.getValue()).ifPresent(seq -> next.put(count.getKey(), seq));
        }
        List<OutboxEntry> appended = new ArrayList<>();
        for (OutboxEntry.Addressed delivery : deliveries) {
            Long seq = next.get(delivery.device());
            if (seq == null) {
                continue; // not registered (removed meanwhile): its deliveries are dropped, as its entries would have been
            }
            next.put(delivery.device(), seq + 1);
            var entry = new OutboxEntry(delivery.device(), seq, delivery.payload(), queuedAt, Optional.empty(), Optional.empty(), 0);
            insert(connection, entry);
            appended.add(entry);
        }
        return appended;
    }

    /** Takes {@code count} numbers from the device's counter, locking its row; the first, or empty for an unknown device. */
    private static Optional<Long> nextSeq(Connection connection, DeviceId device, long count) throws SQLException {
        if (Sql.update(connection, "UPDATE devices SET outbox_seq = outbox_seq + ? WHERE id = ?", count, device.value()) == 0) {
            return Optional.empty();
        }
        long last = Sql.first(connection, "SELECT outbox_seq FROM devices WHERE id = ?", row -> row.getLong(1), device.value())
                .orElseThrow();
        return Optional.of(last - count + 1);
    }

    private static void insert(Connection connection, OutboxEntry entry) throws SQLException {
        Columns payload = Columns.of(entry.payload());
        MailFlags flags = payload.flags();
        Sql.update(connection, """
                INSERT INTO outbox (device_id, seq, kind, mail_id, pushed_to, seen, flagged, deleted, queued_at, attempts)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                entry.device().value(), entry.seq(), payload.kind(), payload.mail(), payload.pushedTo(),
                flags == null ? null : flags.seen(), flags == null ? null : flags.flagged(), flags == null ? null : flags.deleted(),
                entry.queuedAt(), entry.attempts());
    }

    /** A payload as the columns that hold it; null where its kind has no value. */
    private record Columns(Kind kind, Long mail, String pushedTo, MailFlags flags) {
        static Columns of(Payload payload) {
            return switch (payload) {
                case Payload.Full p -> new Columns(Kind.FULL, p.mail().value(), null, null);
                case Payload.Hint p -> new Columns(Kind.HINT, p.mail().value(),
                        JsonLists.write(p.pushedTo().stream().map(DeviceId::value).toList()), null);
                case Payload.FlagsChanged p -> new Columns(Kind.FLAGS, p.mail().value(), null, p.flags());
                case Payload.Retract p -> new Columns(Kind.RETRACT, p.mail().value(), null, null);
                case Payload.PolicyChanged p -> new Columns(Kind.POLICY, null, null, null);
            };
        }
    }

    @Override
    public List<OutboxEntry> unacknowledged(DeviceId device) {
        return transactions.run("list the unacknowledged deliveries to device " + device, connection -> Sql.list(connection,
                SELECT + "WHERE device_id = ? AND acked_at IS NULL ORDER BY seq", JdbcOutbox::entry, device.value()));
    }

    @Override
    public List<OutboxEntry> unsent(DeviceId device, int most) {
        List<OutboxEntry> newestFirst = transactions.run("list the unsent deliveries to device " + device, connection -> Sql.list(
                connection, SELECT + "WHERE device_id = ? AND acked_at IS NULL AND sent_at IS NULL AND failure IS NULL "
                        + "ORDER BY seq DESC FETCH FIRST ? ROWS ONLY", JdbcOutbox::entry, device.value(), most));
        return newestFirst.reversed();
    }

    @Override
    public void sent(DeviceId device, long seq, Instant now) {
        transactions.execute("record delivery " + seq + " to device " + device + " sent", connection -> Sql.update(connection,
                "UPDATE outbox SET sent_at = ?, attempts = attempts + 1, failure = NULL WHERE device_id = ? AND seq = ?",
                now.truncatedTo(ChronoUnit.MICROS), device.value(), seq));
    }

    @Override
    public void failed(DeviceId device, long seq, String reason, Instant now) {
        String kept = reason.length() <= MAX_FAILURE ? reason : reason.substring(0, MAX_FAILURE - 1) + "…";
        transactions.execute("record delivery " + seq + " to device " + device + " failed", connection -> Sql.update(connection,
                "UPDATE outbox SET failure = ? WHERE device_id = ? AND seq = ?", kept, device.value(), seq));
    }

    @Override
    public List<OutboxEntry> acknowledge(DeviceId device, long upTo, Instant now) {
        Instant ackedAt = now.truncatedTo(ChronoUnit.MICROS);
        return transactions.run("acknowledge deliveries to device " + device, connection -> {
            // After the lock, this transaction's statements see every acknowledgement committed before.
            if (!Sql.exists(connection, "SELECT outbox_seq FROM devices WHERE id = ? FOR UPDATE", device.value())) {
                return List.of();
            }
            List<OutboxEntry> newly = Sql.list(connection, SELECT + "WHERE device_id = ? AND seq <= ? AND acked_at IS NULL ORDER BY seq",
                    JdbcOutbox::entry, device.value(), upTo);
            Sql.update(connection, "UPDATE outbox SET acked_at = ?, failure = NULL WHERE device_id = ? AND seq <= ? AND acked_at IS NULL",
                    ackedAt, device.value(), upTo);
            return newly.stream()
                    .map(e -> new OutboxEntry(e.device(), e.seq(), e.payload(), e.queuedAt(), e.sentAt(), Optional.of(ackedAt), e.attempts()))
                    .toList();
        });
    }

    @Override
    public List<OutboxEntry> ofMail(MailId mail) {
        return transactions.run("list the deliveries of mail " + mail, connection -> Sql.list(connection,
                        SELECT + "WHERE mail_id = ?", JdbcOutbox::entry, mail.value()))
                .stream()
                // Sorted here: the database's collation may not order device ids by character code.
                .sorted(Comparator.comparing(OutboxEntry::device).thenComparingLong(OutboxEntry::seq))
                .toList();
    }

    private static OutboxEntry entry(ResultSet row) throws SQLException {
        Kind kind = Kind.valueOf(row.getString("kind"));
        MailId mail = kind == Kind.POLICY ? null : new MailId(row.getLong("mail_id"));
        Payload payload = switch (kind) {
            case FULL -> new Payload.Full(mail);
            case HINT -> new Payload.Hint(mail, JsonLists.read(row.getString("pushed_to")).stream().map(DeviceId::new).toList());
            case FLAGS -> new Payload.FlagsChanged(mail,
                    new MailFlags(row.getBoolean("seen"), row.getBoolean("flagged"), row.getBoolean("deleted")));
            case RETRACT -> new Payload.Retract(mail);
            case POLICY -> new Payload.PolicyChanged();
        };
        return new OutboxEntry(new DeviceId(row.getString("device_id")), row.getLong("seq"), payload, Sql.instant(row, "queued_at"),
                Optional.ofNullable(Sql.instant(row, "sent_at")), Optional.ofNullable(Sql.instant(row, "acked_at")),
                row.getInt("attempts"), Optional.ofNullable(row.getString("failure")));
    }
}
