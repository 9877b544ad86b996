package org.mailpush.push.webpush;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HKDF with HMAC-SHA-256 (RFC 5869), as far as Web Push needs it: every output it derives is at most
 * one hash long, so the expansion is a single HMAC.
 */
final class Hkdf {
    private static final String HMAC = "HmacSHA256";
    private static final int HASH_BYTES = 32;

    private Hkdf() {}

    /** HKDF-Extract: the pseudorandom key of the input keying material. */
    static byte[] extract(byte[] salt, byte[] inputKeyingMaterial) {
        return hmac(salt, inputKeyingMaterial);
    }

    /** HKDF-Expand to {@code length} octets, at most 32: T(1) = HMAC(PRK, info || 0x01). */
    static byte[] expand(byte[] pseudorandomKey, byte[] info, int length) {
        if (length < 1 || length > HASH_BYTES) {
            throw new IllegalArgumentException("HKDF output of " + length + " octets needs more than one block");
        }
        byte[] input = Arrays.copyOf(info, info.length + 1);
        input[info.length] = 0x01;
        return Arrays.copyOf(hmac(pseudorandomKey, input), length);
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(key, HMAC));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK lacks HMAC-SHA-256", e);
        }
    }
}
