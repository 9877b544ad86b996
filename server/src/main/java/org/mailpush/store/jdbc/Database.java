package org.mailpush.store.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.mailpush.device.DeviceRegistry;
import org.mailpush.access.ApiTokens;
import org.mailpush.device.DeviceTokens;
import org.mailpush.policy.PolicyFromTerminals;
import org.mailpush.device.PushChannels;
import org.mailpush.mail.MailStore;
import org.mailpush.mail.MailUsage;
import org.mailpush.mail.Retention;
import org.mailpush.mail.StoreException;
import org.mailpush.policy.PolicyStore;
import org.mailpush.user.Credentials;
import org.mailpush.presence.ReportStore;
import org.mailpush.push.EscalationStore;
import org.mailpush.push.Outbox;
import org.mailpush.push.PlanStore;
import org.mailpush.push.RoutingStore;
import org.mailpush.store.journal.JournaledStore;
import org.mailpush.upstream.UpstreamAccounts;
import org.mailpush.user.UserDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store in a relational database: a connection pool whose schema is brought up to date on open,
 * and the store ports on top of it. Close it to release the pool (and, for H2, the database file).
 */
public final class Database implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Database.class);
    private static final int H2_QUERY_CACHE_SIZE = 64;
    private static final int H2_INPLACE_LOB_BYTES = 8192;

    private final HikariDataSource pool;
    private final Transactions transactions;
    private final UserDirectory users;
    private final DeviceRegistry devices;
    private final ReportStore reports;
    private final PolicyStore policies;
    private final Credentials credentials;
    private final JdbcMailStore mails;
    private final UpstreamAccounts upstreamAccounts;
    private final DeviceTokens tokens;
    private final PushChannels pushChannels;
    private final Outbox outbox;
    private final PlanStore plans;
    private final EscalationStore escalations;
    private final RoutingStore routings;
    private final ApiTokens apiTokens;
    private final PolicyFromTerminals policyFromTerminals;

    private final Vendor vendor;

    private final StoreKey key;
    /** On an H2 file, the mark that it is open, removed when it is closed. */
    private final Optional<H2Crash> crash;

    private Database(HikariDataSource pool, Vendor vendor, StoreKey key, Duration duplicateWindow, Optional<H2Crash> crash) {
        this.pool = pool;
        this.crash = crash;
        this.vendor = vendor;
        this.key = key;
        this.transactions = new Transactions(pool);
        this.users = new JdbcUserDirectory(transactions);
        this.devices = new JdbcDeviceRegistry(transactions);
        this.reports = new JdbcReportStore(transactions);
        this.policies = new JdbcPolicyStore(transactions);
        this.credentials = new JdbcCredentials(transactions);
        this.mails = new JdbcMailStore(transactions, duplicateWindow);
        this.upstreamAccounts = new JdbcUpstreamAccounts(transactions, key);
        this.tokens = new JdbcDeviceTokens(transactions);
        this.pushChannels = new JdbcPushChannels(transactions);
        this.outbox = new JdbcOutbox(transactions);
        this.plans = new JdbcPlanStore(transactions);
        this.escalations = new JdbcEscalationStore(transactions);
        this.routings = new JdbcRoutingStore(transactions);
        this.apiTokens = new JdbcApiTokens(transactions);
        this.policyFromTerminals = new JdbcPolicyFromTerminals(transactions);
    }

    /**
     * Connects, makes commits durable (H2), applies the migrations the schema lacks and seals with
     * {@code key} the secrets still kept in clear.
     *
     * @param key the key the store's secrets are sealed with (see {@link StoreKey})
     * @throws StoreException when the database cannot be reached, its schema not migrated, or its
     *                        secrets were sealed with another key
     */
    public static Database open(DatabaseSettings settings, StoreKey key) {
        Vendor vendor = Vendor.of(settings.url());
        Optional<H2Crash> crash = vendor == Vendor.H2 ? H2Crash.of(settings.url()) : Optional.empty();
        crash.filter(H2Crash::crashed).ifPresent(file -> file.rebuild(settings));
        HikariDataSource pool = connect(settings, vendor);
        try {
            if (vendor == Vendor.H2) {
                prepareH2(pool);
            }
            Flyway.configure(Database.class.getClassLoader())
                    .dataSource(pool)
                    .locations("classpath:db/migration")
                    .placeholders(vendor.placeholders())
                    .load()
                    .migrate();
            if (vendor == Vendor.H2) {
                realignIdentities(pool);
            }
            try (Connection connection = pool.getConnection()) {
                JdbcUpstreamAccounts.sealClearPasswords(connection, key);
                connection.commit();
            }
            crash.ifPresent(H2Crash::opened);
            return new Database(pool, vendor, key, settings.duplicateWindow(), crash);
        } catch (SQLException | RuntimeException e) {
            pool.close();
            throw new StoreException("cannot prepare the database at " + settings.url() + ": " + e.getMessage(), e);
        }
    }

    private static HikariDataSource connect(DatabaseSettings settings, Vendor vendor) {
        var config = new HikariConfig();
        config.setPoolName("mailpush-store");
        config.setJdbcUrl(settings.url());
        config.setUsername(settings.user());
        config.setPassword(settings.password());
        config.setMaximumPoolSize(settings.poolSize());
        // Every unit of work commits explicitly (Transactions).
        config.setAutoCommit(false);
        if (vendor == Vendor.H2 && !settings.url().toUpperCase(Locale.ROOT).contains("QUERY_CACHE_SIZE")) {
            // H2 keeps the parsed form of the last 8 statements per connection; the store uses a few dozen, and parsing
            // them again took 8 % of the CPU under load.
            config.addDataSourceProperty("QUERY_CACHE_SIZE", String.valueOf(H2_QUERY_CACHE_SIZE));
        }
        try {
            return new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new StoreException("cannot connect to the database at " + settings.url() + " as " + settings.user()
                    + ": " + e.getMessage(), e);
        }
    }

    /**
     * Sets what H2 keeps in its database file (both settings persist; they are set on every open so
     * that no URL can miss them).
     * <ul>
     *   <li>H2 writes committed changes to its file in the background, up to WRITE_DELAY (500 ms) later:
     *       a process killed in that window loses commits it had confirmed. With 0 every commit is
     *       written before it returns.</li>
     *   <li>A mail's raw bytes are a BLOB; H2 keeps one longer than MAX_LENGTH_INPLACE_LOB (256 bytes)
     *       in a store of its own, several more maps written on each commit. Much mail is a few KiB: kept
     *       in its row up to {@value #H2_INPLACE_LOB_BYTES} bytes, the ingest benchmark's 2 KiB mails went in
     *       a fifth faster.</li>
     * </ul>
     */
    private static void prepareH2(HikariDataSource pool) throws SQLException {
        try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("SET WRITE_DELAY 0");
            statement.execute("SET MAX_LENGTH_INPLACE_LOB " + H2_INPLACE_LOB_BYTES);
            connection.commit();
        }
    }

    /**
     * Moves each identity column's next value above the largest id in its table. H2 keeps a block of
     * identity values ahead (its cache) and, reopened after a crash, can restart below ids that rows
     * already have: every insert would then fail on the primary key, and a mail's id, which terminals
     * hold, would be handed out twice. Only ever moves forward.
     */
    private static void realignIdentities(HikariDataSource pool) throws SQLException {
        try (Connection connection = pool.getConnection()) {
            List<String[]> columns = Sql.list(connection, """
                    SELECT TABLE_NAME, COLUMN_NAME, IDENTITY_BASE FROM INFORMATION_SCHEMA.COLUMNS
                    WHERE TABLE_SCHEMA = 'PUBLIC' AND IS_IDENTITY = 'YES'""",
                    row -> new String[] {row.getString(1), row.getString(2), Long.toString(row.getLong(3))});
            for (String[] column : columns) {
                String table = '"' + column[0] + '"';
                String id = '"' + column[1] + '"';
                long next = Long.parseLong(column[2]);
                long above = Sql.first(connection, "SELECT COALESCE(MAX(" + id + "), 0) + 1 FROM " + table, row -> row.getLong(1))
                        .orElse(1L);
                if (above > next) {
                    LOG.warn("table {}: the next id was {} but ids up to {} are in use, as after a crash; continuing from {}",
                            column[0], next, above - 1, above);
                    Sql.update(connection, "ALTER TABLE " + table + " ALTER COLUMN " + id + " RESTART WITH " + above);
                }
            }
            connection.commit();
        }
    }

    /** The users and their addresses. */
    public UserDirectory users() {
        return users;
    }

    /** The users' terminals. */
    public DeviceRegistry devices() {
        return devices;
    }

    /** The terminals' latest usage reports. */
    public ReportStore reports() {
        return reports;
    }

    /** The users' password hashes. */
    public Credentials credentials() {
        return credentials;
    }

    /** The users' push policies. */
    public PolicyStore policies() {
        return policies;
    }

    /** The mailboxes and their routing jobs. */
    public MailStore mails() {
        return mails;
    }

    /** What each user's mailbox holds, for quotas. */
    public MailUsage usage() {
        return mails;
    }

    /** Prunes mail, deliveries and plans past their time (docs/configuration.md, retention). */
    public Retention retention() {
        return new JdbcRetention(transactions);
    }

    /**
     * The mail store as the mail journal's store, on H2 only: H2 does not sync its file on commit and
     * needs the journal in front ({@link org.mailpush.store.journal}); PostgreSQL's commit returns
     * once its log is flushed, and it is used without.
     */
    public Optional<JournaledStore> journaled() {
        return vendor == Vendor.H2 ? Optional.of(mails) : Optional.empty();
    }

    /** The terminals' Web Push and UnifiedPush channels. */
    public PushChannels pushChannels() {
        return pushChannels;
    }

    /** The watched upstream mailboxes. */
    public UpstreamAccounts upstreamAccounts() {
        return upstreamAccounts;
    }

    /** The terminals' token hashes. */
    public ApiTokens apiTokens() {
        return apiTokens;
    }

    public PolicyFromTerminals policyFromTerminals() {
        return policyFromTerminals;
    }

    public DeviceTokens tokens() {
        return tokens;
    }

    /** Every terminal's deliveries, with their sequence numbers and acknowledgements. */
    public Outbox outbox() {
        return outbox;
    }

    /** The plans made for each mail, its explanation. */
    public PlanStore plans() {
        return plans;
    }

    /** The escalations waiting for their moment. */
    public EscalationStore escalations() {
        return escalations;
    }

    /** What routing keeps of each mail, in one transaction. */
    public RoutingStore routings() {
        return routings;
    }

    /** Which node of a cluster routes which pending mail (docs/cluster.md); no state of its own. */
    public org.mailpush.cluster.RoutingClaims routingClaims() {
        return new JdbcRoutingClaims(transactions);
    }

    /** Which node of a cluster holds which terminal's link (docs/cluster.md); no state of its own. */
    public org.mailpush.cluster.TerminalDirectory terminalDirectory() {
        return new JdbcTerminalDirectory(transactions);
    }

    /**
     * Seals every secret in the store again with {@code next} instead of the key it was opened with,
     * in one transaction; the number of secrets. Keep {@code next} safe before calling this.
     */
    public int reseal(StoreKey next) {
        return transactions.run("seal the stored secrets with key " + next.id(),
                connection -> JdbcUpstreamAccounts.reseal(connection, key, next));
    }

    Transactions transactions() {
        return transactions;
    }

    /**
     * Whether the database answers: a connection from the pool that is valid within the timeout.
     * Never throws; for the readiness check.
     */
    public boolean reachable(java.time.Duration timeout) {
        try (var connection = pool.getConnection()) {
            return connection.isValid((int) Math.max(1, timeout.toSeconds()));
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }

    /**
     * Has the pool report its connections (in use, idle, waiting, timeouts) to a Micrometer registry:
     * HikariCP's own {@code hikaricp_connections_*} series. Once only.
     */
    public void meterPool(Object meterRegistry) {
        pool.setMetricRegistry(meterRegistry);
    }

    @Override
    public void close() {
        pool.close();
        crash.ifPresent(H2Crash::closed);
    }
}
