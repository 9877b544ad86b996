package org.mailpush.user;

/**
 * A password as the server keeps it: the output of a slow key-derivation function with its
 * parameters and salt, in one string ({@code pbkdf2-sha256$<iterations>$<salt>$<hash>}, base64).
 * Never the password itself.
 */
public record PasswordHash(String encoded) {
    public PasswordHash {
        if (encoded == null || !encoded.matches("[a-z0-9-]+\\$[0-9]+\\$[A-Za-z0-9+/=]+\\$[A-Za-z0-9+/=]+")) {
            throw new IllegalArgumentException("a password hash must look like 'scheme$iterations$salt$hash'");
        }
    }

    @Override
    public String toString() {
        return "PasswordHash[******]";
    }
}
