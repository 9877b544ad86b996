package org.mailpush.auth;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.mailpush.user.PasswordHash;

/**
 * Hashes and checks passwords with PBKDF2-HMAC-SHA256 (RFC 8018), 600 000 iterations and a 16-byte
 * random salt — slow on purpose, as OWASP advises for PBKDF2 — checked in constant time.
 */
public final class Passwords {
    /** At least this many characters. */
    public static final int MINIMUM_LENGTH = 8;
    private static final String SCHEME = "pbkdf2-sha256";
    private static final int ITERATIONS = 600_000;
    private static final int BITS = 256;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final int iterations;

    public Passwords() {
        this(ITERATIONS);
    }

    /** For tests only: fewer iterations are fast and prove the same. */
    Passwords(int iterations) {
        this.iterations = iterations;
    }

    /** @throws IllegalArgumentException when the password is too short */
    public PasswordHash hash(String password) {
        if (password == null || password.codePointCount(0, password.length()) < MINIMUM_LENGTH) {
            throw new IllegalArgumentException("a password needs at least " + MINIMUM_LENGTH + " characters");
        }
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        Base64.Encoder base64 = Base64.getEncoder();
        return new PasswordHash(SCHEME + "$" + iterations + "$" + base64.encodeToString(salt) + "$"
                + base64.encodeToString(derive(password, salt, iterations)));
    }

    /** Whether the password is the one hashed; a hash of an unknown scheme never matches. */
    public boolean matches(String password, PasswordHash hash) {
        String[] parts = hash.encoded().split("\\$");
        if (parts.length != 4 || !parts[0].equals(SCHEME) || password == null) {
            return false;
        }
        Base64.Decoder base64 = Base64.getDecoder();
        byte[] expected = base64.decode(parts[3]);
        byte[] actual = derive(password, base64.decode(parts[2]), Integer.parseInt(parts[1]));
        return MessageDigest.isEqual(expected, actual);
    }

    private static byte[] derive(String password, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, BITS);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime has PBKDF2WithHmacSHA256", e);
        } finally {
            spec.clearPassword();
        }
    }
}
