package org.mailpush.user;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** What every {@link Credentials} store does. Each test first adds the users to {@link #users()}. */
public interface CredentialsContract {
    UserId CAROL = new UserId("carol");
    UserId DAN = new UserId("dan");
    PasswordHash FIRST = new PasswordHash("pbkdf2-sha256$1000$c2FsdHNhbHRzYWx0c2FsdA==$Zmlyc3RmaXJzdGZpcnN0Zmlyc3Q=");
    PasswordHash SECOND = new PasswordHash("pbkdf2-sha256$1000$c2FsdDJzYWx0MnNhbHQyc2E=$c2Vjb25kc2Vjb25kc2Vjb25k");

    /** The store under test: empty at the start of each test. */
    Credentials credentials();

    /** The directory of the credentials' users, the same instance within a test. */
    UserDirectory users();

    private void addUsers() {
        users().add(new User(CAROL, "Carol", Set.of(MailAddress.of("carol@example.com"))));
        users().add(new User(DAN, "Dan", Set.of(MailAddress.of("dan@example.com"))));
    }

    @Test
    default void aUserWithoutPasswordHasNone() {
        addUsers();

        assertThat(credentials().of(CAROL)).isEmpty();
    }

    @Test
    default void aPasswordHashIsKeptPerUserAndReplaced() {
        addUsers();
        credentials().set(CAROL, FIRST);
        credentials().set(DAN, SECOND);

        credentials().set(CAROL, SECOND);

        assertThat(credentials().of(CAROL)).contains(SECOND);
        assertThat(credentials().of(DAN)).contains(SECOND);
    }
}
