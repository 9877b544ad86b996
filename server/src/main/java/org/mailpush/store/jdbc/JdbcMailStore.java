package org.mailpush.store.jdbc;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.mailpush.mail.Importance;
import org.mailpush.mail.MailFlags;
import org.mailpush.mail.MailId;
import org.mailpush.mail.MailStore;
import org.mailpush.mail.MailSummary;
import org.mailpush.mail.MailUsage;
import org.mailpush.mail.NewMail;
import org.mailpush.mail.Origin;
import org.mailpush.mail.StoreException;
import org.mailpush.mail.StoredMail;
import org.mailpush.store.journal.JournaledStore;
import org.mailpush.upstream.UpstreamAccountId;
import org.mailpush.upstream.UpstreamBaseline;
import org.mailpush.upstream.UpstreamCursor;
import org.mailpush.user.UserId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The mailboxes in tables {@code mail} (each message once, raw bytes and summary), {@code mailbox}
 * (one entry per recipient, with its flags; its id is the {@link MailId}) and {@code routing_jobs};
 * the upstream accounts' baselines in {@code upstream_baselines} and {@code upstream_baseline_uidls}. As the
 * mail journal's store, a mail keeps its journal key in {@code mail.journal_key}. The Message-IDs of SMTP
 * mail, per recipient, are in {@code message_ids} for the duplicate window, pruned at most once a minute.
 */
final class JdbcMailStore implements MailStore, JournaledStore, MailUsage {
    private static final String SELECT = """
            SELECT b.id, b.owner, b.seen, b.flagged, b.deleted, m.sender, m.subject, m.size_bytes, m.pictures,
                   m.attachment_types, m.importance, m.preview, m.received_at
            FROM mailbox b JOIN mail m ON m.id = b.mail_id
            """;

    private static final Logger LOG = LoggerFactory.getLogger(JdbcMailStore.class);
    private static final Duration PRUNE_INTERVAL = Duration.ofMinutes(1);

    private final Transactions transactions;
    private final Duration duplicateWindow;
    /** When the next pruning of {@code message_ids} is due, by the clock of the mail appended. */
    private final AtomicReference<Instant> nextPrune = new AtomicReference<>(Instant.MIN);

    JdbcMailStore(Transactions transactions, Duration duplicateWindow) {
        this.transactions = transactions;
        this.duplicateWindow = duplicateWindow;
    }

    @Override
    public List<StoredMail> append(NewMail mail) {
        return append(mail, null, false);
    }

    @Override
    public List<StoredMail> append(NewMail mail, long key) {
        return append(mail, Long.valueOf(key), false);
    }

    @Override
    public List<StoredMail> restore(NewMail mail, long key) {
        return append(mail, Long.valueOf(key), true);
    }

    @Override
    public Set<Long> whole(Map<Long, NewMail> records) {
        if (records.isEmpty()) {
            return Set.of();
        }
        long first = Collections.min(records.keySet());
        long last = Collections.max(records.keySet());
        // Per key: null once retention emptied the mail, else the owners of its entries routed or waiting to be.
        Map<Long, Set<String>> held = new HashMap<>();
        transactions.run("find the journal's mails stored whole", connection -> Sql.list(connection, """
                SELECT m.journal_key, m.size_bytes, b.owner,
                       EXISTS (SELECT 1 FROM routing_jobs r WHERE r.mailbox_id = b.id)
                       OR EXISTS (SELECT 1 FROM plans p WHERE p.mail_id = b.id) AS routed
                FROM mail m LEFT JOIN mailbox b ON b.mail_id = m.id
                WHERE m.journal_key BETWEEN ? AND ?""", row -> {
            long key = row.getLong(1);
            if (row.getLong(2) == 0) {
                held.put(key, null);
            } else {
                Set<String> owners = held.computeIfAbsent(key, k -> new HashSet<>());
                if (owners != null && row.getString(3) != null && row.getBoolean(4)) {
                    owners.add(row.getString(3));
                }
            }
            return key;
        }, first, last));
        Set<Long> whole = new HashSet<>();
        records.forEach((key, mail) -> {
            if (held.containsKey(key) && (held.get(key) == null
                    || mail.recipients().stream().allMatch(owner -> held.get(key).contains(owner.value())))) {
                whole.add(key);
            }
        });
        return whole;
    }

    private List<StoredMail> append(NewMail mail, Long journalKey, boolean restoring) {
        // The timestamp columns keep microseconds: what is returned is what will be read back.
        Instant receivedAt = mail.receivedAt().truncatedTo(ChronoUnit.MICROS);
        String digest = mail.origin() instanceof Origin.Smtp && duplicateWindow.isPositive() ? digest(mail) : "";
        pruneMessageIds(receivedAt);
        return transactions.run("append a mail", connection -> {
            if (journalKey != null) {
                Optional<long[]> stored = Sql.first(connection, "SELECT id, size_bytes FROM mail WHERE journal_key = ?",
                        row -> new long[] {row.getLong(1), row.getLong(2)}, journalKey);
                if (stored.isPresent()) {
                    // A mail retention emptied is whole as it is.
                    return !restoring || stored.get()[1] == 0 ? List.of()
                            : completed(connection, journalKey, mail, stored.get()[0], digest, receivedAt);
                }
            }
            if (mail.origin() instanceof Origin.Upstream upstream && delivered(connection, upstream)) {
                return List.of();
            }
            List<UserId> owners = new ArrayList<>();
            for (UserId owner : mail.recipients()) {
                if (digest.isEmpty() || claimMessageId(connection, owner, digest, receivedAt, journalKey)) {
                    owners.add(owner);
                }
            }
            if (owners.isEmpty()) {
                return List.of();
            }
            long mailId = insertMail(connection, mail, receivedAt, journalKey);
            List<StoredMail> stored = new ArrayList<>();
            for (UserId owner : owners) {
                stored.add(newEntry(connection, mail, mailId, owner, receivedAt));
            }
            return stored;
        });
    }

    private static StoredMail newEntry(Connection connection, NewMail mail, long mailId, UserId owner, Instant receivedAt)
            throws SQLException {
        long id = Sql.insert(connection, "INSERT INTO mailbox (mail_id, owner, seen, flagged, deleted) VALUES (?, ?, ?, ?, ?)",
                mailId, owner.value(), false, false, false);
        Sql.update(connection, "INSERT INTO routing_jobs (mailbox_id) VALUES (?)", id);
        return new StoredMail(new MailId(id), owner, mail.summary(), receivedAt, MailFlags.NEW);
    }

    /**
     * Puts back what a crash took from a journaled mail whose row the database holds, and returns the
     * entries put back. H2, killed under load, was seen to come back with a committed mail's row and
     * its Message-ID claim but without its place in the mailbox: one transaction torn. So for each
     * recipient who still exists and for whom the mail was no duplicate, a missing mailbox entry is
     * added, and an entry neither waiting to be routed nor routed (no plan) waits again.
     */
    private List<StoredMail> completed(Connection connection, long key, NewMail mail, long mailId, String digest, Instant receivedAt)
            throws SQLException {
        List<StoredMail> restored = new ArrayList<>();
        for (UserId owner : mail.recipients()) {
            Optional<StoredMail> entry = Sql.first(connection, SELECT + " WHERE b.mail_id = ? AND b.owner = ?",
                    JdbcMailStore::stored, mailId, owner.value());
            if (entry.isEmpty()) {
                if (Sql.exists(connection, "SELECT 1 FROM users WHERE id = ?", owner.value())
                        && (digest.isEmpty() || claimMessageId(connection, owner, digest, receivedAt, key))) {
                    restored.add(newEntry(connection, mail, mailId, owner, receivedAt));
                }
            } else {
                long id = entry.get().id().value();
                if (!Sql.exists(connection, "SELECT 1 FROM routing_jobs WHERE mailbox_id = ?", id)
                        && !Sql.exists(connection, "SELECT 1 FROM plans WHERE mail_id = ?", id)) {
                    Sql.update(connection, "INSERT INTO routing_jobs (mailbox_id) VALUES (?)", id);
                    restored.add(entry.get());
                }
            }
        }
        if (!restored.isEmpty()) {
            LOG.warn("the database lacked part of the mail with journal key {} from {}: {} mailbox entries put back or routed again",
                    key, mail.envelopeSender(), restored.size());
        }
        return restored;
    }

    /**
     * Records that the owner gets the mail with this digest now; false when they got it within the
     * window, a duplicate. Two transactions that both find no row both insert one: the primary key
     * fails the later, which {@link Transactions} runs again, and then it finds the winner's row.
     * A claim made under the mail's own journal key is its own: the database kept it and lost the mail.
     */
    private boolean claimMessageId(Connection connection, UserId owner, String digest, Instant receivedAt, Long journalKey)
            throws SQLException {
        Optional<Claim> seen = Sql.first(connection, "SELECT received_at, journal_key FROM message_ids WHERE owner = ? AND digest = ?",
                row -> new Claim(Sql.instant(row, "received_at"), row.getObject("journal_key", Long.class)), owner.value(), digest);
        Instant cutoff = receivedAt.minus(duplicateWindow);
        if (seen.isEmpty()) {
            Sql.update(connection, "INSERT INTO message_ids (owner, digest, received_at, journal_key) VALUES (?, ?, ?, ?)",
                    owner.value(), digest, receivedAt, journalKey);
            return true;
        }
        if (journalKey != null && journalKey.equals(seen.get().journalKey())) {
            return true;
        }
        // An expired row is taken over; of two transactions doing so at once, the one that updates it first wins.
        return seen.get().receivedAt().isBefore(cutoff) && Sql.update(connection,
                "UPDATE message_ids SET received_at = ?, journal_key = ? WHERE owner = ? AND digest = ? AND received_at < ?",
                receivedAt, journalKey, owner.value(), digest, cutoff) == 1;
    }

    /** A row of {@code message_ids}: when the mail that claimed the Message-ID came, and its journal key (or null). */
    private record Claim(Instant receivedAt, Long journalKey) {}

    /** SHA-256 of the envelope sender, a NUL and the Message-ID; empty when the mail has no Message-ID. */
    private static String digest(NewMail mail) {
        String messageId = mail.messageId();
        if (messageId.isEmpty()) {
            return "";
        }
        try {
            var sha = MessageDigest.getInstance("SHA-256");
            sha.update(mail.envelopeSender().getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(messageId.getBytes(StandardCharsets.ISO_8859_1));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** Forgets the Message-IDs older than the window, at most once every {@link #PRUNE_INTERVAL}. */
    private void pruneMessageIds(Instant now) {
        Instant due = nextPrune.get();
        if (now.isBefore(due) || !nextPrune.compareAndSet(due, now.plus(PRUNE_INTERVAL))) {
            return;
        }
        try {
            transactions.execute("forget old Message-IDs", connection -> Sql.update(connection,
                    "DELETE FROM message_ids WHERE received_at < ?", now.minus(duplicateWindow)));
        } catch (StoreException e) {
            // the mail itself can still be stored; the next pruning catches up
            LOG.warn("{}", e.getMessage());
        }
    }

    @Override
    public Usage usage(UserId owner) {
        return transactions.run("read a mailbox's usage", connection -> Sql.first(connection, """
                SELECT COUNT(*), COALESCE(SUM(m.size_bytes), 0) FROM mailbox b JOIN mail m ON m.id = b.mail_id WHERE b.owner = ?""",
                row -> new Usage(row.getLong(1), row.getLong(2)), owner.value()).orElse(new Usage(0, 0)));
    }

    @Override
    public long lastKey() {
        return transactions.run("read the last journal key", connection -> Sql.first(connection,
                "SELECT MAX(journal_key) FROM mail", row -> row.getLong(1)).orElse(0L));
    }

    /** Has H2 write what was committed and sync its file; only H2's store is journaled ({@link Database#journaled}). */
    @Override
    public void checkpoint() {
        transactions.execute("force the database to disk", connection -> Sql.update(connection, "CHECKPOINT SYNC"));
    }

    private static boolean delivered(Connection connection, Origin.Upstream upstream) throws SQLException {
        return Sql.exists(connection, "SELECT 1 FROM mail WHERE upstream_account = ? AND fingerprint = ?",
                upstream.account().value(), upstream.fingerprint());
    }

    private static long insertMail(Connection connection, NewMail mail, Instant receivedAt, Long journalKey) throws SQLException {
        MailSummary summary = mail.summary();
        Origin.Smtp smtp = mail.origin() instanceof Origin.Smtp s ? s : null;
        Origin.Upstream upstream = mail.origin() instanceof Origin.Upstream u ? u : null;
        return Sql.insert(connection, """
                INSERT INTO mail (envelope_sender, raw, sender, subject, size_bytes, pictures, attachment_types, importance, preview,
                                  received_at, smtp_client, smtp_helo, upstream_account, uid_validity, uid, uidl, fingerprint,
                                  journal_key)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                mail.envelopeSender(), mail.raw(), summary.sender(), summary.subject(), summary.sizeBytes(), summary.pictures(),
                JsonLists.write(summary.attachmentTypes()), summary.importance(), summary.preview(), receivedAt,
                smtp == null ? null : smtp.clientAddress(), smtp == null ? null : smtp.helo(),
                upstream == null ? null : upstream.account().value(), upstream == null ? null : upstream.uidValidity(),
                upstream == null ? null : upstream.uid(), upstream == null ? null : upstream.uidl(),
                upstream == null ? null : upstream.fingerprint(), journalKey);
    }

    @Override
    public Optional<StoredMail> find(UserId owner, MailId id) {
        return transactions.run("find mail " + id, connection -> find(connection, owner, id));
    }

    private static Optional<StoredMail> find(Connection connection, UserId owner, MailId id) throws SQLException {
        return Sql.first(connection, SELECT + "WHERE b.owner = ? AND b.id = ?", JdbcMailStore::stored, owner.value(), id.value());
    }

    @Override
    public Optional<byte[]> raw(UserId owner, MailId id) {
        return transactions.run("read mail " + id, connection -> Sql.first(connection,
                "SELECT m.raw FROM mailbox b JOIN mail m ON m.id = b.mail_id WHERE b.owner = ? AND b.id = ?",
                row -> row.getBytes(1), owner.value(), id.value()));
    }

    @Override
    public List<StoredMail> recent(UserId owner, int limit) {
        requireLimit(limit);
        return transactions.run("list the recent mail of " + owner, connection -> Sql.list(connection,
                SELECT + "WHERE b.owner = ? ORDER BY b.id DESC FETCH FIRST ? ROWS ONLY", JdbcMailStore::stored, owner.value(), limit));
    }

    @Override
    public List<StoredMail> olderThan(UserId owner, MailId before, int limit) {
        requireLimit(limit);
        return transactions.run("list the mail of " + owner + " before " + before, connection -> Sql.list(connection,
                SELECT + "WHERE b.owner = ? AND b.id < ? ORDER BY b.id DESC FETCH FIRST ? ROWS ONLY", JdbcMailStore::stored,
                owner.value(), before.value(), limit));
    }

    @Override
    public Optional<Origin> origin(UserId owner, MailId id) {
        return transactions.run("read the origin of mail " + id, connection -> Sql.first(connection, """
                SELECT m.smtp_client, m.smtp_helo, m.upstream_account, m.uid_validity, m.uid, m.uidl, m.fingerprint
                FROM mailbox b JOIN mail m ON m.id = b.mail_id WHERE b.owner = ? AND b.id = ?""",
                JdbcMailStore::origin, owner.value(), id.value())).flatMap(origin -> origin);
    }

    /** The origin of a mail row; empty for upstream mail whose account was removed (ON DELETE SET NULL). */
    private static Optional<Origin> origin(ResultSet row) throws SQLException {
        String client = row.getString("smtp_client");
        if (client != null) {
            return Optional.of(new Origin.Smtp(client, row.getString("smtp_helo")));
        }
        long account = row.getLong("upstream_account");
        if (row.wasNull()) {
            return Optional.empty();
        }
        return Optional.of(new Origin.Upstream(new UpstreamAccountId(account), row.getLong("uid_validity"), row.getLong("uid"),
                row.getString("uidl"), row.getString("fingerprint")));
    }

    @Override
    public Optional<StoredMail> setFlags(UserId owner, MailId id, MailFlags flags) {
        return transactions.run("set the flags of mail " + id, connection -> {
            int updated = Sql.update(connection, "UPDATE mailbox SET seen = ?, flagged = ?, deleted = ? WHERE owner = ? AND id = ?",
                    flags.seen(), flags.flagged(), flags.deleted(), owner.value(), id.value());
            return updated == 0 ? Optional.empty() : find(connection, owner, id);
        });
    }

    @Override
    public List<StoredMail> pendingRouting(int limit) {
        requireLimit(limit);
        return transactions.run("list mail pending routing", connection -> Sql.list(connection,
                SELECT + "JOIN routing_jobs j ON j.mailbox_id = b.id ORDER BY b.id FETCH FIRST ? ROWS ONLY", JdbcMailStore::stored, limit));
    }

    @Override
    public boolean routed(UserId owner, MailId id) {
        return transactions.run("mark mail " + id + " routed", connection -> endRoutingJob(connection, owner, id));
    }

    /** The pending mails of these routing jobs (mailbox ids), oldest first: those claimed by a node ({@link JdbcRoutingClaims}). */
    static List<StoredMail> pendingOf(Connection connection, List<Long> jobs) throws SQLException {
        if (jobs.isEmpty()) {
            return List.of();
        }
        String in = String.join(", ", java.util.Collections.nCopies(jobs.size(), "?"));
        return Sql.list(connection, SELECT + "JOIN routing_jobs j ON j.mailbox_id = b.id WHERE b.id IN (" + in + ") ORDER BY b.id",
                JdbcMailStore::stored, jobs.toArray());
    }

    /** Deletes the owner's mail's routing job, locking it until commit; whether there was one. */
    static boolean endRoutingJob(Connection connection, UserId owner, MailId id) throws SQLException {
        // Both by primary key: with the owner in the WHERE clause, H2 looked the mail up in index mailbox_owner and
        // went through the owner's mailbox row by row.
        boolean owners = Sql.first(connection, "SELECT owner FROM mailbox WHERE id = ?", row -> row.getString(1), id.value())
                .filter(owner.value()::equals)
                .isPresent();
        return owners && Sql.update(connection, "DELETE FROM routing_jobs WHERE mailbox_id = ?", id.value()) > 0;
    }

    @Override
    public void upstreamBaseline(UpstreamAccountId account, UpstreamBaseline baseline) {
        transactions.execute("record the baseline of upstream account " + account, connection -> {
            if (Sql.exists(connection, "SELECT 1 FROM upstream_baselines WHERE account_id = ?", account.value())) {
                return;
            }
            switch (baseline) {
                case UpstreamBaseline.Imap(UpstreamCursor cursor) -> Sql.update(connection,
                        "INSERT INTO upstream_baselines (account_id, uid_validity, last_uid) VALUES (?, ?, ?)",
                        account.value(), cursor.uidValidity(), cursor.lastUid());
                case UpstreamBaseline.Pop3(Set<String> uidls) -> {
                    Sql.update(connection, "INSERT INTO upstream_baselines (account_id) VALUES (?)", account.value());
                    Sql.batch(connection, "INSERT INTO upstream_baseline_uidls (account_id, uidl) VALUES (?, ?)",
                            uidls.stream().map(uidl -> new Object[] {account.value(), uidl}).toList());
                }
            }
        });
    }

    @Override
    public Optional<UpstreamCursor> upstreamCursor(UpstreamAccountId account) {
        return transactions.run("read the cursor of upstream account " + account, connection -> {
            Optional<UpstreamCursor> stored = Sql.first(connection, """
                    SELECT uid_validity, MAX(uid) FROM mail
                    WHERE upstream_account = ?
                      AND uid_validity = (SELECT MAX(uid_validity) FROM mail WHERE upstream_account = ? AND uid_validity > 0)
                    GROUP BY uid_validity""",
                    row -> new UpstreamCursor(row.getLong(1), row.getLong(2)), account.value(), account.value());
            Optional<UpstreamCursor> baseline = Sql.first(connection,
                    "SELECT uid_validity, last_uid FROM upstream_baselines WHERE account_id = ? AND uid_validity IS NOT NULL",
                    row -> new UpstreamCursor(row.getLong(1), row.getLong(2)), account.value());
            return baseline.isEmpty() ? stored : Optional.of(stored.map(baseline.get()::later).orElse(baseline.get()));
        });
    }

    @Override
    public Optional<Set<String>> upstreamUidls(UpstreamAccountId account) {
        return transactions.run("read the UIDLs of upstream account " + account, connection -> {
            if (!Sql.exists(connection, "SELECT 1 FROM upstream_baselines WHERE account_id = ?", account.value())
                    && !Sql.exists(connection, "SELECT 1 FROM mail WHERE upstream_account = ?", account.value())) {
                return Optional.empty();
            }
            Set<String> uidls = new HashSet<>(Sql.list(connection,
                    "SELECT uidl FROM upstream_baseline_uidls WHERE account_id = ?", row -> row.getString(1), account.value()));
            uidls.addAll(Sql.list(connection,
                    "SELECT uidl FROM mail WHERE upstream_account = ? AND uidl <> ''", row -> row.getString(1), account.value()));
            return Optional.of(uidls);
        });
    }

    private static void requireLimit(int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative, got " + limit);
        }
    }

    private static StoredMail stored(ResultSet row) throws SQLException {
        var summary = new MailSummary(row.getString("sender"), row.getString("subject"), row.getLong("size_bytes"),
                row.getInt("pictures"), JsonLists.read(row.getString("attachment_types")),
                Importance.valueOf(row.getString("importance")), row.getString("preview"));
        var flags = new MailFlags(row.getBoolean("seen"), row.getBoolean("flagged"), row.getBoolean("deleted"));
        return new StoredMail(new MailId(row.getLong("id")), new UserId(row.getString("owner")), summary,
                Sql.instant(row, "received_at"), flags);
    }
}
