package org.mailpush.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.mailpush.user.PasswordHash;

class PasswordsTest {
    private final Passwords passwords = new Passwords(1_000);

    @Test
    void aHashMatchesItsPasswordOnly() {
        PasswordHash hash = passwords.hash("correct horse battery");

        assertThat(passwords.matches("correct horse battery", hash)).isTrue();
        assertThat(passwords.matches("correct horse batterY", hash)).isFalse();
        assertThat(passwords.matches("", hash)).isFalse();
    }

    @Test
    void theSamePasswordHashesDifferentlyEachTime() {
        assertThat(passwords.hash("correct horse battery")).isNotEqualTo(passwords.hash("correct horse battery"));
    }

    @Test
    void theHashNamesItsSchemeAndIterationsAndHidesItselfInLogs() {
        PasswordHash hash = new Passwords().hash("correct horse battery");

        assertThat(hash.encoded()).startsWith("pbkdf2-sha256$600000$");
        assertThat(hash.toString()).doesNotContain(hash.encoded());
    }

    @Test
    void aShortPasswordIsRefused() {
        assertThatThrownBy(() -> passwords.hash("short")).hasMessage("a password needs at least 8 characters");
    }

    @Test
    void aHashOfAnotherSchemeNeverMatches() {
        assertThat(passwords.matches("whatever", new PasswordHash("md5-crypt$1$c2FsdA==$aGFzaA=="))).isFalse();
    }
}
