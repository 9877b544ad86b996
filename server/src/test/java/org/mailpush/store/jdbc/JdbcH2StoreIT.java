package org.mailpush.store.jdbc;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.mailpush.device.DeviceRegistry;
import org.mailpush.device.DeviceRegistryContract;
import org.mailpush.device.DeviceTokens;
import org.mailpush.device.DeviceTokensContract;
import org.mailpush.mail.MailStore;
import org.mailpush.mail.MailStoreContract;
import org.mailpush.policy.PolicyStore;
import org.mailpush.policy.PolicyStoreContract;
import org.mailpush.presence.ReportStore;
import org.mailpush.presence.ReportStoreContract;
import org.mailpush.push.EscalationStore;
import org.mailpush.push.EscalationStoreContract;
import org.mailpush.push.Outbox;
import org.mailpush.push.OutboxContract;
import org.mailpush.push.PlanStore;
import org.mailpush.push.PlanStoreContract;
import org.mailpush.upstream.UpstreamAccounts;
import org.mailpush.upstream.UpstreamAccountsContract;
import org.mailpush.user.UserDirectory;
import org.mailpush.user.UserDirectoryContract;

/** Every store contract on the default store: an H2 database file, new for each test. */
class JdbcH2StoreIT implements UserDirectoryContract, DeviceRegistryContract, ReportStoreContract, PolicyStoreContract,
        MailStoreContract, UpstreamAccountsContract, DeviceTokensContract, OutboxContract, PlanStoreContract, EscalationStoreContract,
        JdbcStoreContract {

    @TempDir
    Path directory;

    private Database database;

    @BeforeEach
    void open() {
        database = Database.open(settings());
    }

    @AfterEach
    void close() {
        if (database != null) {
            database.close();
        }
    }

    @Override
    public Database database() {
        return database;
    }

    @Override
    public Database reopen() {
        database.close();
        database = Database.open(settings());
        return database;
    }

    @Override
    public DatabaseSettings settings() {
        return DatabaseSettings.h2(directory);
    }

    @Override
    public UserDirectory users() {
        return database.users();
    }

    @Override
    public DeviceRegistry devices() {
        return database.devices();
    }

    @Override
    public ReportStore reports() {
        return database.reports();
    }

    @Override
    public PolicyStore policies() {
        return database.policies();
    }

    @Override
    public MailStore mails() {
        return database.mails();
    }

    @Override
    public UpstreamAccounts upstreamAccounts() {
        return database.upstreamAccounts();
    }

    @Override
    public DeviceTokens tokens() {
        return database.tokens();
    }

    @Override
    public Outbox outbox() {
        return database.outbox();
    }

    @Override
    public PlanStore plans() {
        return database.plans();
    }

    @Override
    public EscalationStore escalations() {
        return database.escalations();
    }
}
