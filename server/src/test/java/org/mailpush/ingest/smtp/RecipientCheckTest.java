package org.mailpush.ingest.smtp;

import static org.assertj.core.api.Assertions.assertThat;

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
    private static final UserId POSTMASTER = new UserId("postmaster");

    private final RecipientCheck check;

    RecipientCheckTest() {
        var users = new InMemoryUserDirectory();
        users.add(new User(ALICE, "Alice", Set.of(MailAddress.of("alice@example.test"), MailAddress.of("a.smith@example.test"))));
        users.add(new User(POSTMASTER, "Postmaster", Set.of(MailAddress.of("postmaster@mx.example.test"))));
        check = new RecipientCheck(users, Set.of("lists.example.test"), "mx.example.test");
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
