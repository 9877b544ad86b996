package org.mailpush.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.mailpush.access.ApiScope;
import org.mailpush.access.ApiTokens;
import org.mailpush.access.ApiTokensContract;
import org.mailpush.device.Capabilities;
import org.mailpush.device.Device;
import org.mailpush.device.DeviceAddress;
import org.mailpush.device.DeviceId;
import org.mailpush.device.DeviceRegistry;
import org.mailpush.device.DeviceRegistryContract;
import org.mailpush.device.DeviceTokens;
import org.mailpush.device.DeviceTokensContract;
import org.mailpush.device.PushChannels;
import org.mailpush.device.PushChannelsContract;
import org.mailpush.device.DeviceType;
import org.mailpush.device.TokenHash;
import org.mailpush.mail.Importance;
import org.mailpush.mail.MailFlags;
import org.mailpush.mail.MailId;
import org.mailpush.mail.MailStore;
import org.mailpush.mail.MailStoreContract;
import org.mailpush.mail.MailSummary;
import org.mailpush.mail.MailUsage;
import org.mailpush.mail.NewMail;
import org.mailpush.mail.Origin;
import org.mailpush.mail.Retention;
import org.mailpush.mail.StoreException;
import org.mailpush.mail.StoredMail;
import org.mailpush.policy.Policy;
import org.mailpush.policy.PolicyFromTerminals;
import org.mailpush.policy.PolicyFromTerminalsContract;
import org.mailpush.policy.PolicyStore;
import org.mailpush.policy.PolicyStoreContract;
import org.mailpush.user.Credentials;
import org.mailpush.user.CredentialsContract;
import org.mailpush.policy.Rule;
import org.mailpush.policy.Target;
import org.mailpush.presence.ReportStore;
import org.mailpush.presence.ReportStoreContract;
import org.mailpush.presence.UsageReport;
import org.mailpush.presence.UsageState;
import org.mailpush.push.EscalationStore;
import org.mailpush.push.EscalationStoreContract;
import org.mailpush.push.Outbox;
import org.mailpush.push.OutboxContract;
import org.mailpush.push.OutboxEntry;
import org.mailpush.push.Payload;
import org.mailpush.push.PlanStore;
import org.mailpush.push.PlanStoreContract;
import org.mailpush.push.RoutingStore;
import org.mailpush.push.RoutingStoreContract;
import org.mailpush.route.Decision;
import org.mailpush.route.PushAction;
import org.mailpush.route.PushPlan;
import org.mailpush.route.PushTarget;
import org.mailpush.upstream.MailProtocol;
import org.mailpush.upstream.Secret;
import org.mailpush.upstream.TlsMode;
import org.mailpush.upstream.UpstreamAccount;
import org.mailpush.upstream.UpstreamAccountId;
import org.mailpush.upstream.UpstreamAccounts;
import org.mailpush.upstream.UpstreamAccountsContract;
import org.mailpush.upstream.UpstreamBaseline;
import org.mailpush.upstream.UpstreamCursor;
import org.mailpush.upstream.UpstreamServer;
import org.mailpush.user.MailAddress;
import org.mailpush.user.User;
import org.mailpush.user.UserDirectory;
import org.mailpush.user.UserDirectoryContract;
import org.mailpush.user.UserId;

/**
 * Every store contract on one database, and what the database store does beyond them: the ports share
 * one database, so a removed user takes everything of theirs along, a mail for several recipients is
 * stored for all or none, and everything survives closing and opening the database again and an
 * upgrade from the first schema version. A test class for one kind of database provides
 * {@link #database()}, {@link #reopen()} and {@link #settings()}.
 */
interface JdbcStoreContract extends UserDirectoryContract, DeviceRegistryContract, ReportStoreContract, PolicyStoreContract,
        MailStoreContract, UpstreamAccountsContract, DeviceTokensContract, OutboxContract, PlanStoreContract, EscalationStoreContract,
        CredentialsContract, RoutingStoreContract, PushChannelsContract, ApiTokensContract, PolicyFromTerminalsContract {
    UserId ANN = new UserId("ann");
    /** The key the store is opened with. */
    StoreKey KEY = StoreKey.random("the tests' key");
    UserId BEN = new UserId("ben");
    Instant AT = Instant.parse("2025-06-02T12:00:00Z");

    /** The open database, empty at the start of each test. */
    Database database();

    /** Closes the database and opens the same one again. */
    Database reopen();

    /** Where the database is. */
    DatabaseSettings settings();

    @Override
    default UserDirectory users() {
        return database().users();
    }

    @Override
    default DeviceRegistry devices() {
        return database().devices();
    }

    @Override
    default ReportStore reports() {
        return database().reports();
    }

    @Override
    default PolicyStore policies() {
        return database().policies();
    }

    @Override
    default Credentials credentials() {
        return database().credentials();
    }

    @Override
    default MailStore mails() {
        return database().mails();
    }

    @Override
    default UpstreamAccounts upstreamAccounts() {
        return database().upstreamAccounts();
    }

    @Override
    default DeviceTokens tokens() {
        return database().tokens();
    }

    @Override
    default PushChannels channels() {
        return database().pushChannels();
    }

    @Override
    default Outbox outbox() {
        return database().outbox();
    }

    @Override
    default PlanStore plans() {
        return database().plans();
    }

    @Override
    default EscalationStore escalations() {
        return database().escalations();
    }

    @Override
    default RoutingStore routings() {
        return database().routings();
    }

    @Override
    default ApiTokens apiTokens() {
        return database().apiTokens();
    }

    @Override
    default PolicyFromTerminals policyFromTerminals() {
        return database().policyFromTerminals();
    }

    private void addAnnAndBen() {
        database().users().add(new User(ANN, "Ann", Set.of(MailAddress.of("ann@example.com"))));
        database().users().add(new User(BEN, "Ben", Set.of(MailAddress.of("ben@example.com"))));
    }

    private static NewMail mail(String subject, UserId... recipients) {
        var summary = new MailSummary("carol@example.net", subject, 20, 0, List.of(), Importance.NORMAL, "");
        return new NewMail(List.of(recipients), "carol@example.net", ("Subject: " + subject + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII),
                summary, AT, new Origin.Smtp("192.0.2.1", "mx.example.net"));
    }

    private static PushPlan planFor(UserId user, DeviceId device) {
        var target = new PushTarget(device, device.value(), PushAction.FULL, Optional.of(new DeviceAddress.Link()), UsageState.IN_USE,
                "in use", List.of());
        return new PushPlan(user, new Decision.ByRule(1, "in use"), List.of(target), List.of("rule 1 'in use': picked it"));
    }

    private static Device phone(String id, UserId owner) {
        return new Device(new DeviceId(id), owner, "Phone", DeviceType.PHONE, Capabilities.FULL, List.of(new DeviceAddress.Link()));
    }

    private static OutboxEntry.Addressed full(DeviceId device, MailId mail) {
        return new OutboxEntry.Addressed(device, new Payload.Full(mail));
    }

    // ---- sealed secrets

    @Test
    default void anUpstreamPasswordIsSealedInItsRowAndOpensAgainAfterARestart() throws SQLException {
        addAnnAndBen();
        UpstreamAccount account = database().upstreamAccounts().add(ANN, imap("ann's upstream password"));

        String[] row = plainRow(account.id());
        reopen();

        assertThat(row[0]).doesNotContain("ann's upstream password").isNotEmpty();
        assertThat(row[1]).isEqualTo(KEY.id());
        assertThat(database().upstreamAccounts().find(account.id()).orElseThrow().server().password().value())
                .isEqualTo("ann's upstream password");
    }

    @Test
    default void passwordsKeptInClearBeforeAreSealedWhenTheStoreOpens() throws SQLException {
        addAnnAndBen();
        try (Connection connection = plainConnection()) {
            Sql.update(connection, """
                    INSERT INTO upstream_accounts (owner, protocol, host, port, tls, username, password, folder)
                    VALUES ('ann', 'IMAP', 'imap.example.com', 993, 'IMPLICIT', 'ann', 'kept in clear', 'INBOX')""");
            connection.commit();
        }
        UpstreamAccount account = database().upstreamAccounts().list().getFirst();

        reopen();

        String[] row = plainRow(account.id());
        assertThat(row[0]).doesNotContain("kept in clear");
        assertThat(row[1]).isEqualTo(KEY.id());
        assertThat(database().upstreamAccounts().find(account.id()).orElseThrow().server().password().value()).isEqualTo("kept in clear");
    }

    @Test
    default void aStoreSealedWithAnotherKeyIsRefusedAtOpenNamingBothKeys() {
        addAnnAndBen();
        database().upstreamAccounts().add(ANN, imap("ann's upstream password"));
        StoreKey wrong = StoreKey.random("the wrong key's file");

        assertThatThrownBy(() -> Database.open(settings(), wrong).close())
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("the upstream passwords in the store were sealed with the key " + KEY.id()
                        + ", but the key from the wrong key's file is " + wrong.id());
    }

    @Test
    default void resealingWithANewKeyKeepsEveryPasswordAndRetiresTheOldKey() throws SQLException {
        addAnnAndBen();
        UpstreamAccount anns = database().upstreamAccounts().add(ANN, imap("ann's upstream password"));
        UpstreamAccount bens = database().upstreamAccounts().add(BEN, imap("ben's upstream password"));
        StoreKey next = StoreKey.random("the next key");

        assertThat(database().reseal(next)).isEqualTo(2);

        assertThat(plainRow(anns.id())[1]).isEqualTo(next.id());
        try (Database resealed = Database.open(settings(), next)) {
            assertThat(resealed.upstreamAccounts().find(anns.id()).orElseThrow().server().password().value())
                    .isEqualTo("ann's upstream password");
            assertThat(resealed.upstreamAccounts().find(bens.id()).orElseThrow().server().password().value())
                    .isEqualTo("ben's upstream password");
        }
        assertThatThrownBy(() -> Database.open(settings(), KEY).close()).isInstanceOf(StoreException.class)
                .hasMessageContaining("sealed with the key " + next.id());
    }

    private static UpstreamServer imap(String password) {
        return new UpstreamServer(MailProtocol.IMAP, "imap.example.com", 993, TlsMode.IMPLICIT, "someone", new Secret(password), null);
    }

    /** A connection of its own, around the store: what anyone with the database's password reads. */
    private Connection plainConnection() throws SQLException {
        Connection connection = DriverManager.getConnection(settings().url(), settings().user(), settings().password());
        connection.setAutoCommit(false);
        return connection;
    }

    /** The password column and the key id of an account, as they are in its row. */
    private String[] plainRow(UpstreamAccountId id) throws SQLException {
        try (Connection connection = plainConnection()) {
            return Sql.first(connection, "SELECT password, password_key FROM upstream_accounts WHERE id = ?",
                    row -> new String[] {row.getString(1), row.getString(2)}, id.value()).orElseThrow();
        }
    }

    private long count(String table) {
        return database().transactions().run("count " + table, connection ->
                Sql.first(connection, "SELECT COUNT(*) FROM " + table, row -> row.getLong(1)).orElseThrow());
    }

    @Test
    default void retentionPrunesWhatIsPastItsTimeAndNothingATerminalStillNeeds() {
        addAnnAndBen();
        DeviceId phone = new DeviceId("ann-phone");
        devices().save(phone(phone.value(), ANN));
        StoredMail acknowledged = mails().append(mail("acknowledged long ago", ANN)).getFirst();
        StoredMail late = mails().append(mail("acknowledged lately", ANN)).getFirst();
        StoredMail waiting = mails().append(mail("never acknowledged", ANN)).getFirst();
        for (StoredMail mail : List.of(acknowledged, late, waiting)) {
            routings().keep(new RoutingStore.Routed(ANN, mail.id(), planFor(ANN, phone), List.of(full(phone, mail.id())),
                    Optional.empty(), AT));
        }
        outbox().acknowledge(phone, 1, AT.plus(Duration.ofHours(1)));
        outbox().acknowledge(phone, 2, AT.plus(Duration.ofDays(3)));
        Instant twoDaysOn = AT.plus(Duration.ofDays(2));

        var pruned = database().retention().prune(twoDaysOn, twoDaysOn);

        // The plan of a mail whose deliveries are all acknowledged may go sooner than the mail.
        assertThat(pruned).isEqualTo(new Retention.Pruned(1, 0, 1));
        assertThat(plans().plansOf(ANN, late.id())).isEmpty();
        assertThat(mails().find(ANN, acknowledged.id())).isEmpty();
        assertThat(outbox().ofMail(acknowledged.id())).isEmpty();
        assertThat(plans().plansOf(ANN, acknowledged.id())).isEmpty();
        assertThat(mails().find(ANN, late.id())).isPresent();
        assertThat(mails().find(ANN, waiting.id())).isPresent();
        assertThat(outbox().unacknowledged(phone)).extracting(OutboxEntry::seq).containsExactly(3L);

        // Not the delivery that keeps its mail's time, nor a plan still waited on.
        Instant fourDaysOn = AT.plus(Duration.ofDays(4));
        assertThat(database().retention().prune(twoDaysOn, fourDaysOn)).isEqualTo(new Retention.Pruned(0, 0, 0));
        assertThat(outbox().ofMail(late.id())).hasSize(1);
        assertThat(database().retention().prune(fourDaysOn, fourDaysOn)).isEqualTo(new Retention.Pruned(1, 0, 0));
        assertThat(mails().find(ANN, late.id())).isEmpty();
        assertThat(mails().find(ANN, waiting.id())).isPresent();
        assertThat(plans().plansOf(ANN, waiting.id())).hasSize(1);
        assertThat(outbox().unacknowledged(phone)).extracting(OutboxEntry::seq).containsExactly(3L);
        assertThat(database().usage().usage(ANN)).isEqualTo(new MailUsage.Usage(1, 20));
    }

    @Test
    default void removingAUserRemovesEverythingOfTheirsAndOnlyThat() {
        addAnnAndBen();
        var phone = new Device(new DeviceId("ann-phone"), ANN, "Phone", DeviceType.PHONE, Capabilities.FULL,
                List.of(DeviceAddress.parse("tel:+4915112345678")));
        database().devices().save(phone);
        database().reports().record(phone.id(), UsageReport.on(AT));
        database().policies().save(ANN, Policy.of(Rule.of(new Target.Nearest())));
        UpstreamAccount account = database().upstreamAccounts().add(ANN, new UpstreamServer(MailProtocol.POP3, "pop.example.com", 995,
                TlsMode.IMPLICIT, "ann", new Secret("pw"), null));
        StoredMail annsOnly = database().mails().append(mail("only for Ann", ANN)).getFirst();
        StoredMail bens = database().mails().append(mail("for both", ANN, BEN)).get(1);
        database().tokens().issue(phone.id(), TokenHash.of("ann's token"));
        database().apiTokens().issue(ANN, "script", Set.of(ApiScope.MAIL_READ), TokenHash.of("ann's API token"), AT);
        database().policyFromTerminals().allow(ANN, false);
        database().outbox().append(List.of(full(phone.id(), annsOnly.id())), AT);
        database().plans().save(annsOnly.id(), planFor(ANN, phone.id()), AT);
        database().escalations().schedule(ANN, annsOnly.id(), AT);
        var bensPhone = phone("ben-phone", BEN);
        database().devices().save(bensPhone);
        database().outbox().append(List.of(full(bensPhone.id(), bens.id())), AT);
        database().plans().save(bens.id(), planFor(BEN, bensPhone.id()), AT);
        database().escalations().schedule(BEN, bens.id(), AT);

        assertThat(database().users().remove(ANN)).isTrue();

        assertThat(database().devices().find(phone.id())).isEmpty();
        assertThat(database().reports().latest(phone.id())).isEmpty();
        assertThat(database().policies().policyOf(ANN)).isEmpty();
        assertThat(database().upstreamAccounts().find(account.id())).isEmpty();
        assertThat(database().mails().recent(ANN, 10)).isEmpty();
        assertThat(database().mails().pendingRouting(10)).containsExactly(bens);
        assertThat(database().mails().raw(BEN, bens.id())).isPresent();
        assertThat(count("mail")).isEqualTo(1);
        assertThat(count("device_addresses")).isEqualTo(1);
        assertThat(database().tokens().deviceOf(TokenHash.of("ann's token"))).isEmpty();
        assertThat(count("device_tokens")).isZero();
        assertThat(database().apiTokens().find(TokenHash.of("ann's API token"))).isEmpty();
        assertThat(database().policyFromTerminals().allowed(ANN)).isTrue();
        assertThat(database().outbox().ofMail(annsOnly.id())).isEmpty();
        assertThat(database().outbox().unacknowledged(bensPhone.id())).hasSize(1);
        assertThat(database().plans().plansOf(ANN, annsOnly.id())).isEmpty();
        assertThat(database().plans().plansOf(BEN, bens.id())).hasSize(1);
        assertThat(database().escalations().dueBy(AT)).containsExactly(new EscalationStore.Scheduled(BEN, bens.id(), AT));
        assertThat(database().users().list()).extracting(User::id).containsExactly(BEN);
    }

    @Test
    default void mailForSeveralRecipientsIsStoredForAllOrNone() {
        addAnnAndBen();

        // A recipient the directory does not know violates a foreign key after Ann's entry was written.
        assertThatThrownBy(() -> database().mails().append(mail("half", ANN, new UserId("ghost"), BEN)))
                .isInstanceOf(StoreException.class)
                .hasMessageStartingWith("could not append a mail");

        assertThat(database().mails().recent(ANN, 10)).isEmpty();
        assertThat(database().mails().pendingRouting(10)).isEmpty();
        assertThat(count("mail")).isZero();
    }

    @Test
    default void aMessageIdIsRememberedAcrossReopeningAndForgottenWithItsUser() {
        addAnnAndBen();
        byte[] raw = "Message-ID: <kept@example.net>\r\n\r\nHello\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        var mail = new NewMail(List.of(ANN, BEN), "carol@example.net", raw, mail("kept", ANN).summary(), AT, new Origin.Smtp("192.0.2.1", "mx.example.net"));
        assertThat(database().mails().append(mail)).hasSize(2);

        Database reopened = reopen();

        assertThat(reopened.mails().append(mail)).isEmpty();
        reopened.users().remove(BEN);
        reopened.users().add(new User(BEN, "Ben", Set.of(MailAddress.of("ben@example.com"))));
        assertThat(reopened.mails().append(mail)).extracting(StoredMail::owner).containsExactly(BEN);
    }

    @Test
    default void everythingSurvivesReopeningTheDatabase() {
        addAnnAndBen();
        StoredMail stored = database().mails().append(mail("kept", ANN)).getFirst();
        StoredMail flagged = database().mails().setFlags(ANN, stored.id(), new MailFlags(true, false, false)).orElseThrow();
        var phone = phone("ann-phone", ANN);
        database().devices().save(phone);
        database().tokens().issue(phone.id(), TokenHash.of("kept token"));
        database().outbox().append(List.of(full(phone.id(), stored.id()), full(phone.id(), stored.id())), AT);
        database().outbox().sent(phone.id(), 2, AT.plusSeconds(1));
        List<OutboxEntry> acknowledged = database().outbox().acknowledge(phone.id(), 1, AT.plusSeconds(2));
        database().plans().save(stored.id(), planFor(ANN, phone.id()), AT);
        database().escalations().schedule(ANN, stored.id(), AT.plusSeconds(300));
        List<OutboxEntry> deliveries = database().outbox().ofMail(stored.id());

        Database reopened = reopen();

        assertThat(reopened.users().find(ANN)).isPresent();
        assertThat(reopened.mails().find(ANN, stored.id())).contains(flagged);
        assertThat(reopened.mails().pendingRouting(10)).containsExactly(flagged);
        assertThat(reopened.mails().append(mail("after", BEN)).getFirst().id().value()).isGreaterThan(stored.id().value());
        assertThat(reopened.tokens().deviceOf(TokenHash.of("kept token"))).contains(phone.id());
        assertThat(reopened.outbox().ofMail(stored.id())).isEqualTo(deliveries).startsWith(acknowledged.getFirst()).hasSize(2);
        assertThat(reopened.outbox().append(List.of(full(phone.id(), stored.id())), AT)).extracting(OutboxEntry::seq).containsExactly(3L);
        assertThat(reopened.plans().plansOf(ANN, stored.id())).containsExactly(new PlanStore.Decided(stored.id(), planFor(ANN, phone.id()), AT));
        assertThat(reopened.escalations().dueBy(AT.plusSeconds(300)))
                .containsExactly(new EscalationStore.Scheduled(ANN, stored.id(), AT.plusSeconds(300)));
    }

    @Test
    default void reportOfADeviceNotRegisteredIsDropped() {
        database().reports().record(new DeviceId("stranger"), UsageReport.on(AT));

        assertThat(database().reports().latest(new DeviceId("stranger"))).isEmpty();
    }

    @Test
    default void reportsKeptAtOnceDropThoseOfDevicesNotRegisteredOrRemovedMeanwhile() {
        addAnnAndBen();
        var phone = new Device(new DeviceId("p"), ANN, "Phone", DeviceType.PHONE, Capabilities.FULL, List.of());
        var laptop = new Device(new DeviceId("l"), ANN, "Laptop", DeviceType.LAPTOP, Capabilities.FULL, List.of());
        database().devices().save(phone);
        database().devices().save(laptop);
        database().reports().record(Map.of(phone.id(), List.of(UsageReport.on(AT)), laptop.id(), List.of(UsageReport.on(AT))));
        database().devices().remove(ANN, laptop.id());

        database().reports().record(Map.of(phone.id(), List.of(UsageReport.on(AT.plusSeconds(60))),
                laptop.id(), List.of(UsageReport.on(AT.plusSeconds(60))), new DeviceId("stranger"), List.of(UsageReport.on(AT))));

        assertThat(database().reports().latest(List.of(phone.id(), laptop.id(), new DeviceId("stranger"))))
                .isEqualTo(Map.of(phone.id(), UsageReport.on(AT.plusSeconds(60))));
        assertThat(database().reports().history(phone.id(), AT)).containsExactly(UsageReport.on(AT), UsageReport.on(AT.plusSeconds(60)));
        database().devices().save(laptop);
        assertThat(database().reports().history(laptop.id(), AT.minusSeconds(1))).as("no history comes back with the device").isEmpty();
    }

    @Test
    default void removedDeviceTakesItsReportAlong() {
        addAnnAndBen();
        var phone = new Device(new DeviceId("p"), ANN, "Phone", DeviceType.PHONE, Capabilities.FULL, List.of());
        database().devices().save(phone);
        database().reports().record(phone.id(), UsageReport.on(AT));

        database().devices().remove(ANN, phone.id());
        database().devices().save(phone);

        assertThat(database().reports().latest(phone.id())).isEmpty();
    }

    @Test
    default void mailOfARemovedUpstreamAccountStays() {
        addAnnAndBen();
        UpstreamAccount account = database().upstreamAccounts().add(ANN, new UpstreamServer(MailProtocol.IMAP, "imap.example.com", 993,
                TlsMode.IMPLICIT, "ann", new Secret("pw"), null));
        var upstream = new Origin.Upstream(account.id(), 1, 1, "", "e".repeat(64));
        StoredMail stored = database().mails().append(new NewMail(List.of(ANN), "", new byte[] {1}, mail("x", ANN).summary(), AT, upstream))
                .getFirst();

        database().upstreamAccounts().remove(account.id());

        assertThat(database().mails().find(ANN, stored.id())).contains(stored);
        assertThat(database().mails().upstreamCursor(account.id())).isEmpty();
        // Nothing is left upstream to write its flags back to.
        assertThat(database().mails().origin(ANN, stored.id())).isEmpty();
    }

    @Test
    default void dataOfSomeoneNotInTheDirectoryIsRefusedWithAStoreExceptionNamingTheWork() {
        var ghost = new UserId("ghost");

        assertThatThrownBy(() -> database().policies().save(ghost, Policy.FAIL_OPEN_ONLY))
                .isInstanceOf(StoreException.class)
                .hasMessageStartingWith("could not save the policy of ghost: ");
        assertThatThrownBy(() -> database().devices().save(new Device(new DeviceId("d"), ghost, "D", DeviceType.PHONE,
                        Capabilities.FULL, List.of())))
                .isInstanceOf(StoreException.class);
        assertThatThrownBy(() -> database().upstreamAccounts().add(ghost, new UpstreamServer(MailProtocol.IMAP, "imap.example.com",
                        993, TlsMode.IMPLICIT, "ghost", new Secret("pw"), null)))
                .isInstanceOf(StoreException.class);
        assertThatThrownBy(() -> database().plans().save(new MailId(1), planFor(ghost, new DeviceId("d")), AT))
                .isInstanceOf(StoreException.class)
                .hasMessageStartingWith("could not save a plan for mail 1: ");
        assertThatThrownBy(() -> database().escalations().schedule(ghost, new MailId(1), AT))
                .isInstanceOf(StoreException.class)
                .hasMessageStartingWith("could not schedule the escalation of mail 1: ");
        assertThat(database().devices().find(new DeviceId("d"))).isEmpty();
        assertThat(database().upstreamAccounts().list()).isEmpty();
        assertThat(database().plans().plansOf(ghost, new MailId(1))).isEmpty();
        assertThat(database().escalations().dueBy(AT)).isEmpty();
    }

    @Test
    default void tokenForADeviceNotRegisteredIsRefused() {
        assertThatThrownBy(() -> database().tokens().issue(new DeviceId("stranger"), TokenHash.of("t")))
                .isInstanceOf(StoreException.class)
                .hasMessageStartingWith("could not issue a token to device stranger: ");

        assertThat(database().tokens().deviceOf(TokenHash.of("t"))).isEmpty();
    }

    @Test
    default void deliveriesToADeviceNotRegisteredAreDroppedAndTheOthersQueued() {
        addAnnAndBen();
        var phone = phone("p", ANN);
        database().devices().save(phone);
        var stranger = new DeviceId("stranger");

        List<OutboxEntry> appended = database().outbox().append(List.of(full(stranger, new MailId(1)), full(phone.id(), new MailId(1)),
                full(stranger, new MailId(2))), AT);

        assertThat(appended).extracting(OutboxEntry::device).containsExactly(phone.id());
        assertThat(database().outbox().unacknowledged(stranger)).isEmpty();
        assertThat(database().outbox().ofMail(new MailId(1))).containsExactlyElementsOf(appended);
        assertThat(database().outbox().append(List.of(full(stranger, new MailId(3))), AT)).isEmpty();
    }

    @Test
    default void removedDeviceTakesItsTokenAndDeliveriesAlong() {
        addAnnAndBen();
        var phone = phone("p", ANN);
        database().devices().save(phone);
        database().tokens().issue(phone.id(), TokenHash.of("t"));
        database().outbox().append(List.of(full(phone.id(), new MailId(1)), full(phone.id(), new MailId(2))), AT);

        database().devices().remove(ANN, phone.id());
        database().devices().save(phone);

        assertThat(database().tokens().deviceOf(TokenHash.of("t"))).isEmpty();
        assertThat(database().outbox().unacknowledged(phone.id())).isEmpty();
        assertThat(database().outbox().ofMail(new MailId(1))).isEmpty();
        // A device saved again under the same id starts a new outbox.
        assertThat(database().outbox().append(List.of(full(phone.id(), new MailId(3))), AT)).extracting(OutboxEntry::seq)
                .containsExactly(1L);
    }

    /** Closes the database and makes it empty but for the schema of that version. */
    private DatabaseSettings schemaOfVersion(String version) {
        database().close();
        DatabaseSettings settings = settings();
        Flyway flyway = Flyway.configure(Database.class.getClassLoader())
                .dataSource(settings.url(), settings.user(), settings.password())
                .locations("classpath:db/migration")
                .placeholders(Vendor.of(settings.url()).placeholders())
                .cleanDisabled(false)
                .target(version)
                .load();
        flyway.clean();
        flyway.migrate();
        return settings;
    }

    @Test
    default void theLinkTablesArriveOnADatabaseOfTheFirstVersion() throws SQLException {
        DatabaseSettings settings = schemaOfVersion("1");
        try (Connection connection = DriverManager.getConnection(settings.url(), settings.user(), settings.password())) {
            Sql.update(connection, "INSERT INTO users (id, display_name) VALUES (?, ?)", ANN.value(), "Ann");
            Sql.update(connection, """
                    INSERT INTO devices (id, owner, name, type, pictures, colour, max_mail_bytes, attachment_types)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)""", "old-phone", ANN.value(), "Phone", "PHONE", true, true, 1000L, "[]");
        }

        Database upgraded = reopen();

        var phone = new DeviceId("old-phone");
        assertThat(upgraded.devices().find(phone)).isPresent();
        assertThat(upgraded.outbox().append(List.of(full(phone, new MailId(1)), full(phone, new MailId(2))), AT))
                .extracting(OutboxEntry::seq).containsExactly(1L, 2L);
        upgraded.tokens().issue(phone, TokenHash.of("t"));
        assertThat(upgraded.tokens().deviceOf(TokenHash.of("t"))).contains(phone);
    }

    @Test
    default void accountsWatchedBeforeBaselinesExistedKeepTheirCursorsAfterTheUpgrade() throws SQLException {
        DatabaseSettings settings = schemaOfVersion("3");
        var imap = new UpstreamAccountId(1);
        var pop3 = new UpstreamAccountId(2);
        try (Connection connection = DriverManager.getConnection(settings.url(), settings.user(), settings.password())) {
            Sql.update(connection, "INSERT INTO users (id, display_name) VALUES (?, ?)", ANN.value(), "Ann");
            for (var account : List.of(imap, pop3)) {
                Sql.update(connection, """
                        INSERT INTO upstream_accounts (id, owner, protocol, host, port, tls, username, password, folder)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""", account.value(), ANN.value(), account.equals(imap) ? "IMAP" : "POP3",
                        "mail.example.com", 993, "IMPLICIT", "ann", "pw", "INBOX");
            }
            String insertMail = """
                    INSERT INTO mail (envelope_sender, raw, sender, subject, size_bytes, pictures, attachment_types, importance, preview,
                                      received_at, upstream_account, uid_validity, uid, uidl, fingerprint)
                    VALUES ('', ?, '', 'old', 1, 0, '[]', 'NORMAL', '', ?, ?, ?, ?, ?, ?)""";
            Sql.update(connection, insertMail, new byte[] {1}, AT, imap.value(), 7L, 12L, "", "a".repeat(64));
            Sql.update(connection, insertMail, new byte[] {2}, AT, pop3.value(), 0L, 0L, "uidl-1", "b".repeat(64));
        }

        Database upgraded = reopen();

        assertThat(upgraded.mails().upstreamCursor(imap)).contains(new UpstreamCursor(7, 12));
        assertThat(upgraded.mails().upstreamUidls(pop3)).contains(Set.of("uidl-1"));
    }

    @Test
    default void removingAnUpstreamAccountRemovesItsBaseline() {
        addAnnAndBen();
        UpstreamAccount imap = database().upstreamAccounts().add(ANN, new UpstreamServer(MailProtocol.IMAP, "imap.example.com", 993,
                TlsMode.IMPLICIT, "ann", new Secret("pw"), null));
        UpstreamAccount pop3 = database().upstreamAccounts().add(ANN, new UpstreamServer(MailProtocol.POP3, "pop.example.com", 995,
                TlsMode.IMPLICIT, "ann", new Secret("pw"), null));
        UpstreamAccount bens = database().upstreamAccounts().add(BEN, new UpstreamServer(MailProtocol.POP3, "pop.example.com", 995,
                TlsMode.IMPLICIT, "ben", new Secret("pw"), null));
        database().mails().upstreamBaseline(imap.id(), new UpstreamBaseline.Imap(new UpstreamCursor(7, 12)));
        database().mails().upstreamBaseline(pop3.id(), new UpstreamBaseline.Pop3(Set.of("uidl-1", "uidl-2")));
        database().mails().upstreamBaseline(bens.id(), new UpstreamBaseline.Pop3(Set.of("uidl-3")));

        database().upstreamAccounts().remove(imap.id());
        database().users().remove(ANN);

        assertThat(database().mails().upstreamCursor(imap.id())).isEmpty();
        assertThat(database().mails().upstreamUidls(pop3.id())).isEmpty();
        assertThat(database().mails().upstreamUidls(bens.id())).contains(Set.of("uidl-3"));
        assertThat(count("upstream_baselines")).isEqualTo(1);
        assertThat(count("upstream_baseline_uidls")).isEqualTo(1);
    }

    @Test
    default void baselineOfAnAccountNotThereIsRefused() {
        var ghost = new UpstreamAccountId(999_999);

        assertThatThrownBy(() -> database().mails().upstreamBaseline(ghost, new UpstreamBaseline.Pop3(Set.of("uidl-1"))))
                .isInstanceOf(StoreException.class)
                .hasMessageStartingWith("could not record the baseline of upstream account 999999: ");

        assertThat(database().mails().upstreamUidls(ghost)).isEmpty();
        assertThat(count("upstream_baselines")).isZero();
        assertThat(count("upstream_baseline_uidls")).isZero();
    }
}
