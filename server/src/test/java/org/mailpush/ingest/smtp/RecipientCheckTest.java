package org.mailpush.ingest.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.mailpush.user.InMemoryUserDirectory;
import org.mailpush.user.MailAddress;
import org.mailpush.user.User;
import org.mailpush.user.UserId;

class RecipientCheckTest {
    private static final UserId ALICE = new UserId("alice");
    private static final UserId BOB = new UserId("bob");
    private static final UserId POSTMASTER = new UserId("postmaster");

    private final RecipientCheck check;

    RecipientCheckTest() {
        var users = new InMemoryUserDirectory();
        users.add(new User(ALICE, "Alice", Set.of(MailAddress.of("alice@example.test"), MailAddress.of("a.smith@example.test"))));
        users.add(new User(POSTMASTER, "Postmaster", Set.of(MailAddress.of("postmaster@mx.example.test"))));
        check = new RecipientCheck(users, Set.of("lists.example.test"), "mx.example.test", Optional.empty());
    }

    @Test
    void findsTheOwnerOfALocalAddressInAnyCase() {
        assertThat(check.check("A.Smith@EXAMPLE.test"))
                .isEqualTo(new RecipientCheck.Verdict.Local(ALICE, MailAddress.of("a.smith@example.test")));
    }

    @Test
    void takesPostmasterWithoutADomainAsPostmasterAtTheHostName() {
        assertThat(check.check("PostMaster"))
                .isEqualTo(new RecipientCheck.Verdict.Local(POSTMASTER, MailAddress.of("postmaster@mx.example.test")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"postmaster", "POSTMASTER@example.test", "postmaster@lists.example.test", "Postmaster@MX.example.test"})
    void givesPostmasterAtEveryLocalDomainToTheConfiguredUser(String path) {
        var users = new InMemoryUserDirectory();
        users.add(new User(ALICE, "Alice", Set.of(MailAddress.of("alice@example.test"))));
        users.add(new User(BOB, "Bob", Set.of(MailAddress.of("bob@example.test"))));
        var withAdmin = new RecipientCheck(users, Set.of("lists.example.test"), "mx.example.test", Optional.of(BOB));

        assertThat(withAdmin.check(path)).isInstanceOfSatisfying(RecipientCheck.Verdict.Local.class,
                local -> assertThat(local.owner()).isEqualTo(BOB));
    }

    @Test
    void givesPostmasterToTheFirstUserWithoutAConfiguredOne() {
        var users = new InMemoryUserDirectory();
        users.add(new User(BOB, "Bob", Set.of(MailAddress.of("bob@example.test"))));
        users.add(new User(ALICE, "Alice", Set.of(MailAddress.of("alice@example.test"))));
        var unconfigured = new RecipientCheck(users, Set.of(), "mx.example.test", Optional.empty());

        assertThat(unconfigured.check("postmaster@example.test"))
                .isEqualTo(new RecipientCheck.Verdict.Local(ALICE, MailAddress.of("postmaster@example.test")));
        assertThat(unconfigured.check("postmaster@elsewhere.test")).isEqualTo(new RecipientCheck.Verdict.RelayDenied("postmaster@elsewhere.test"));
    }

    @Test
    void refusesPostmasterOnlyWithoutUsers() {
        var empty = new RecipientCheck(new InMemoryUserDirectory(), Set.of(), "mx.example.test", Optional.of(BOB));

        assertThat(empty.check("postmaster")).isEqualTo(new RecipientCheck.Verdict.UnknownUser("postmaster"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"nobody@example.test", "alice@lists.example.test", "a..b@example.test", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx@example.test"})
    void refusesUnknownUsersOfLocalDomains(String path) {
        assertThat(check.check(path)).isEqualTo(new RecipientCheck.Verdict.UnknownUser(path));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "alice@elsewhere.test",
        "alice@example.test.elsewhere.test",
        "alice%elsewhere.test@example.test",
        "elsewhere.test!alice@example.test",
        "@example.test:alice@elsewhere.test",
        "@a.test,@b.test:alice@example.test",
        "\"alice\"@example.test",
        "\"alice@elsewhere.test\"@example.test",
        "alice\\@elsewhere.test@example.test",
        "alice@elsewhere.test@example.test",
        "alice@[127.0.0.1]",
        "alice@[IPv6:::1]",
    })
    void neverRelays(String path) {
        assertThat(check.check(path)).isEqualTo(new RecipientCheck.Verdict.RelayDenied(path));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "alice", "@", "alice@", "@example.test", "al ice@example.test", "älice@example.test"})
    void refusesWhatIsNoMailbox(String path) {
        assertThat(check.check(path)).isInstanceOfAny(RecipientCheck.Verdict.BadSyntax.class, RecipientCheck.Verdict.RelayDenied.class);
    }
}
