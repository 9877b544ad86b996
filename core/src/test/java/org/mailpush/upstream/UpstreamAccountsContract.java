package org.mailpush.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.mailpush.user.MailAddress;
import org.mailpush.user.User;
import org.mailpush.user.UserDirectory;
import org.mailpush.user.UserId;

/**
 * What every {@link UpstreamAccounts} does. Each test first adds the accounts' owners to
 * {@link #users()}, as a store that keeps users and their accounts together requires.
 */
public interface UpstreamAccountsContract {
    UserId ALICE = new UserId("alice");
    UserId BOB = new UserId("bob");

    /** The accounts under test: none at the start of each test, the same instance within it. */
    UpstreamAccounts upstreamAccounts();

    /** The directory of the accounts' owners, the same instance within a test. */
    UserDirectory users();

    private void addOwners() {
        users().add(new User(ALICE, "Alice", Set.of(MailAddress.of("alice@example.com"))));
        users().add(new User(BOB, "Bob", Set.of(MailAddress.of("bob@example.com"))));
    }

    private static UpstreamServer imap(String username) {
        return new UpstreamServer(MailProtocol.IMAP, "imap.example.com", 993, TlsMode.IMPLICIT, username,
                new Secret("s3cret ünïcode"), "Archive/2025");
    }

    private static UpstreamServer pop3(String username) {
        return new UpstreamServer(MailProtocol.POP3, "pop.example.net", 110, TlsMode.STARTTLS, username, new Secret(""), null);
    }

    @Test
    default void addedAccountIsFoundWithItsServerAndSecret() {
        addOwners();

        UpstreamAccount added = upstreamAccounts().add(ALICE, imap("alice"));

        assertThat(added.owner()).isEqualTo(ALICE);
        assertThat(added.server()).isEqualTo(imap("alice"));
        assertThat(upstreamAccounts().find(added.id())).contains(added);
        assertThat(upstreamAccounts().find(added.id()).orElseThrow().server().password().value()).isEqualTo("s3cret ünïcode");
    }

    @Test
    default void pop3AccountKeepsTheDefaultFolder() {
        addOwners();

        UpstreamAccount added = upstreamAccounts().add(ALICE, pop3("alice"));

        assertThat(upstreamAccounts().find(added.id()).orElseThrow().server().folder()).isEqualTo("INBOX");
    }

    @Test
    default void eachAddedAccountGetsItsOwnId() {
        addOwners();

        UpstreamAccount first = upstreamAccounts().add(ALICE, imap("alice"));
        UpstreamAccount second = upstreamAccounts().add(ALICE, imap("alice"));

        assertThat(first.id()).isNotEqualTo(second.id());
    }

    @Test
    default void unknownAccountIsNotFound() {
        assertThat(upstreamAccounts().find(new UpstreamAccountId(4711))).isEmpty();
    }

    @Test
    default void listsEveryAccountOrderedById() {
        addOwners();
        UpstreamAccount a = upstreamAccounts().add(BOB, pop3("bob"));
        UpstreamAccount b = upstreamAccounts().add(ALICE, imap("alice"));
        UpstreamAccount c = upstreamAccounts().add(BOB, imap("bob"));

        assertThat(upstreamAccounts().list()).containsExactly(a, b, c);
    }

    @Test
    default void accountsOfListsTheOwnersAccountsOrderedById() {
        addOwners();
        UpstreamAccount a = upstreamAccounts().add(BOB, pop3("bob"));
        upstreamAccounts().add(ALICE, imap("alice"));
        UpstreamAccount c = upstreamAccounts().add(BOB, imap("bob"));

        assertThat(upstreamAccounts().accountsOf(BOB)).containsExactly(a, c);
        assertThat(upstreamAccounts().accountsOf(new UserId("carol"))).isEmpty();
    }

    @Test
    default void removedAccountIsGone() {
        addOwners();
        UpstreamAccount added = upstreamAccounts().add(ALICE, imap("alice"));

        assertThat(upstreamAccounts().remove(added.id())).isTrue();

        assertThat(upstreamAccounts().find(added.id())).isEmpty();
        assertThat(upstreamAccounts().list()).isEmpty();
        assertThat(upstreamAccounts().remove(added.id())).isFalse();
    }
}
