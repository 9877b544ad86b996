package org.mailpush.user;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * What every {@link UserDirectory} does. An implementation's test implements this interface and
 * returns the same empty directory from {@link #users()} throughout one test.
 */
public interface UserDirectoryContract {

    /** The directory under test: empty at the start of each test, the same instance within it. */
    UserDirectory users();

    private static User user(String id, String... addresses) {
        return new User(new UserId(id), "User " + id, Arrays.stream(addresses).map(MailAddress::of).collect(Collectors.toSet()));
    }

    @Test
    default void addedUserIsFoundWithNameAndEveryAddress() {
        User alice = user("alice", "alice@example.com", "a.smith@example.com", "alice@example.org");

        assertThat(users().add(alice)).isEqualTo(UserDirectory.AddResult.ADDED);

        assertThat(users().find(alice.id())).contains(alice);
    }

    @Test
    default void userWithoutAddressesOrNameIsKept() {
        User quiet = new User(new UserId("quiet"), " ", java.util.Set.of());

        users().add(quiet);

        assertThat(users().find(quiet.id())).hasValueSatisfying(found -> {
            assertThat(found.displayName()).isEqualTo("quiet");
            assertThat(found.addresses()).isEmpty();
        });
    }

    @Test
    default void unknownUserIsNotFound() {
        assertThat(users().find(new UserId("nobody"))).isEmpty();
    }

    @Test
    default void takenIdIsRefusedAndTheFirstUserKept() {
        User alice = user("alice", "alice@example.com");
        users().add(alice);

        assertThat(users().add(user("alice", "other@example.com"))).isEqualTo(UserDirectory.AddResult.ID_TAKEN);

        assertThat(users().find(alice.id())).contains(alice);
        assertThat(users().owner(MailAddress.of("other@example.com"))).isEmpty();
    }

    @Test
    default void takenAddressIsRefusedAndNothingOfTheNewUserKept() {
        users().add(user("alice", "alice@example.com"));

        var result = users().add(user("bob", "bob@example.com", "ALICE@example.com"));

        assertThat(result).isEqualTo(UserDirectory.AddResult.ADDRESS_TAKEN);
        assertThat(users().find(new UserId("bob"))).isEmpty();
        assertThat(users().owner(MailAddress.of("bob@example.com"))).isEmpty();
    }

    @Test
    default void ownerIsFoundByAnyOfTheirAddresses() {
        users().add(user("alice", "alice@example.com", "postmaster@example.org"));
        users().add(user("bob", "bob@example.com"));

        assertThat(users().owner(MailAddress.of("Postmaster@Example.org"))).contains(new UserId("alice"));
        assertThat(users().owner(MailAddress.of("bob@example.com"))).contains(new UserId("bob"));
        assertThat(users().owner(MailAddress.of("carol@example.com"))).isEmpty();
    }

    @Test
    default void servesExactlyTheDomainsOfItsAddresses() {
        users().add(user("alice", "alice@example.com", "alice@mail.example.org"));

        assertThat(users().servesDomain("example.com")).isTrue();
        assertThat(users().servesDomain("mail.example.org")).isTrue();
        assertThat(users().servesDomain("example.org")).isFalse();
        assertThat(users().servesDomain("sub.example.com")).isFalse();
    }

    @Test
    default void listsEveryUserOrderedByIdCharacterByCharacter() {
        for (String id : new String[] {"bob", "alice-2", "Zed", "alice", "carol"}) {
            users().add(user(id, id.toLowerCase(java.util.Locale.ROOT) + "@example.com"));
        }

        assertThat(users().list()).extracting(u -> u.id().value()).containsExactly("Zed", "alice", "alice-2", "bob", "carol");
        assertThat(users().list().get(1)).isEqualTo(user("alice", "alice@example.com"));
    }

    @Test
    default void removedUserIsGoneAndTheirAddressesFree() {
        users().add(user("alice", "alice@example.com"));

        assertThat(users().remove(new UserId("alice"))).isTrue();

        assertThat(users().find(new UserId("alice"))).isEmpty();
        assertThat(users().owner(MailAddress.of("alice@example.com"))).isEmpty();
        assertThat(users().servesDomain("example.com")).isFalse();
        assertThat(users().list()).isEmpty();
        assertThat(users().add(user("alicia", "alice@example.com"))).isEqualTo(UserDirectory.AddResult.ADDED);
    }

    @Test
    default void removingAnUnknownUserReturnsFalse() {
        assertThat(users().remove(new UserId("nobody"))).isFalse();
    }
}
