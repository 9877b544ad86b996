package org.mailpush.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.mailpush.device.Capabilities;
import org.mailpush.device.Device;
import org.mailpush.device.DeviceAddress;
import org.mailpush.device.DeviceId;
import org.mailpush.device.DeviceRegistry;
import org.mailpush.device.DeviceRegistryContract;
import org.mailpush.device.DeviceType;
import org.mailpush.mail.Importance;
import org.mailpush.mail.MailFlags;
import org.mailpush.mail.MailStore;
import org.mailpush.mail.MailStoreContract;
import org.mailpush.mail.MailSummary;
import org.mailpush.mail.NewMail;
import org.mailpush.mail.Origin;
import org.mailpush.mail.StoreException;
import org.mailpush.mail.StoredMail;
import org.mailpush.policy.Policy;
import org.mailpush.policy.PolicyStore;
import org.mailpush.policy.PolicyStoreContract;
import org.mailpush.policy.Rule;
import org.mailpush.policy.Target;
import org.mailpush.presence.ReportStore;
import org.mailpush.presence.ReportStoreContract;
import org.mailpush.presence.UsageReport;
import org.mailpush.upstream.MailProtocol;
import org.mailpush.upstream.Secret;
import org.mailpush.upstream.TlsMode;
import org.mailpush.upstream.UpstreamAccount;
import org.mailpush.upstream.UpstreamAccounts;
import org.mailpush.upstream.UpstreamAccountsContract;
import org.mailpush.upstream.UpstreamServer;
import org.mailpush.user.MailAddress;
import org.mailpush.user.User;
import org.mailpush.user.UserDirectory;
import org.mailpush.user.UserDirectoryContract;
import org.mailpush.user.UserId;

/**
 * Every store contract on one database, and what the database store does beyond them: the ports share
 * one database, so a removed user takes everything of theirs along, a mail for several recipients is
 * stored for all or none, and everything survives closing and opening the database again. A test
 * class for one kind of database provides {@link #database()} and {@link #reopen()}.
 */
interface JdbcStoreContract extends UserDirectoryContract, DeviceRegistryContract, ReportStoreContract, PolicyStoreContract,
        MailStoreContract, UpstreamAccountsContract {
    UserId ANN = new UserId("ann");
    UserId BEN = new UserId("ben");
    Instant AT = Instant.parse("2025-06-02T12:00:00Z");

    /** The open database, empty at the start of each test. */
    Database database();

    /** Closes the database and opens the same one again. */
    Database reopen();

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
    default MailStore mails() {
        return database().mails();
    }

    @Override
    default UpstreamAccounts upstreamAccounts() {
        return database().upstreamAccounts();
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

    private long count(String table) {
        return database().transactions().run("count " + table, connection ->
                Sql.first(connection, "SELECT COUNT(*) FROM " + table, row -> row.getLong(1)).orElseThrow());
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
        database().mails().append(mail("only for Ann", ANN));
        StoredMail bens = database().mails().append(mail("for both", ANN, BEN)).get(1);

        assertThat(database().users().remove(ANN)).isTrue();

        assertThat(database().devices().find(phone.id())).isEmpty();
        assertThat(database().reports().latest(phone.id())).isEmpty();
        assertThat(database().policies().policyOf(ANN)).isEmpty();
        assertThat(database().upstreamAccounts().find(account.id())).isEmpty();
        assertThat(database().mails().recent(ANN, 10)).isEmpty();
        assertThat(database().mails().pendingRouting(10)).containsExactly(bens);
        assertThat(database().mails().raw(BEN, bens.id())).isPresent();
        assertThat(count("mail")).isEqualTo(1);
        assertThat(count("device_addresses")).isZero();
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
    default void everythingSurvivesReopeningTheDatabase() {
        addAnnAndBen();
        StoredMail stored = database().mails().append(mail("kept", ANN)).getFirst();
        StoredMail flagged = database().mails().setFlags(ANN, stored.id(), new MailFlags(true, false, false)).orElseThrow();

        Database reopened = reopen();

        assertThat(reopened.users().find(ANN)).isPresent();
        assertThat(reopened.mails().find(ANN, stored.id())).contains(flagged);
        assertThat(reopened.mails().pendingRouting(10)).containsExactly(flagged);
        assertThat(reopened.mails().append(mail("after", BEN)).getFirst().id().value()).isGreaterThan(stored.id().value());
    }

    @Test
    default void reportOfADeviceNotRegisteredIsDropped() {
        database().reports().record(new DeviceId("stranger"), UsageReport.on(AT));

        assertThat(database().reports().latest(new DeviceId("stranger"))).isEmpty();
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
        assertThat(database().devices().find(new DeviceId("d"))).isEmpty();
        assertThat(database().upstreamAccounts().list()).isEmpty();
    }
}
