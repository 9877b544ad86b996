package org.mailpush.push.webpush;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Message Encryption for Web Push (RFC 8291) in the {@code aes128gcm} content coding (RFC 8188): a
 * fresh P-256 key pair and salt for every message, and the whole message in one record.
 *
 * <p>The body is {@code salt(16) || rs(4) || idlen(1) || keyid(65)} — the 86-octet header, whose
 * key id is the application server's ephemeral public key — followed by the record: the plaintext
 * with the padding delimiter 0x02, sealed with AES-128-GCM. A push service need not take more than
 * 4096 octets (RFC 8030 §7.2), which leaves 3993 octets of plaintext.
 */
final class MessageEncryption {
    /** The most plaintext one 4096-octet record carries: 4096 − 86 (header) − 1 (delimiter) − 16 (tag). */
    static final int MAX_PLAINTEXT_BYTES = 3993;
    static final int RECORD_SIZE = 4096;
    static final int SALT_BYTES = 16;
    static final int AUTH_SECRET_BYTES = 16;
    static final int HEADER_BYTES = SALT_BYTES + 4 + 1 + P256.POINT_BYTES;
    static final int TAG_BYTES = 16;
    static final byte LAST_RECORD_DELIMITER = 0x02;

    private static final byte[] KEY_INFO = ascii("WebPush: info\0");
    private static final byte[] CEK_INFO = ascii("Content-Encoding: aes128gcm\0");
    private static final byte[] NONCE_INFO = ascii("Content-Encoding: nonce\0");
    private static final int CEK_BYTES = 16;
    private static final int NONCE_BYTES = 12;
    private static final int IKM_BYTES = 32;

    private final SecureRandom random;

    MessageEncryption(SecureRandom random) {
        this.random = random;
    }

    /** The content encryption key and nonce that one message's salt and keys yield. */
    record Keys(byte[] contentEncryptionKey, byte[] nonce) {}

    /** Encrypts the plaintext for the subscription with a new key pair and salt. */
    byte[] encrypt(byte[] plaintext, Subscription subscription) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        return encrypt(plaintext, subscription.p256dh(), subscription.auth(), P256.generate(random), salt);
    }

    /**
     * Encrypts with the given application server key pair and salt: the deterministic core, which the
     * example of RFC 8291 §5 pins down.
     *
     * @param userAgentPublic the subscription's {@code p256dh} key, an uncompressed point
     * @param authSecret      the subscription's 16-octet {@code auth} secret
     * @throws IllegalArgumentException if the plaintext is longer than 3993 octets or a key is malformed
     */
    static byte[] encrypt(byte[] plaintext, byte[] userAgentPublic, byte[] authSecret, KeyPair applicationServer, byte[] salt) {
        if (plaintext.length > MAX_PLAINTEXT_BYTES) {
            throw new IllegalArgumentException("a Web Push payload holds at most " + MAX_PLAINTEXT_BYTES
                    + " octets, got " + plaintext.length);
        }
        if (salt.length != SALT_BYTES || authSecret.length != AUTH_SECRET_BYTES) {
            throw new IllegalArgumentException("the salt and the auth secret must be 16 octets each");
        }
        ECPublicKey userAgent = P256.publicKey(userAgentPublic);
        byte[] serverPublic = P256.encode((ECPublicKey) applicationServer.getPublic());
        byte[] ecdhSecret = P256.sharedSecret((ECPrivateKey) applicationServer.getPrivate(), userAgent);
        Keys keys = keys(ecdhSecret, authSecret, userAgentPublic, serverPublic, salt);

        byte[] record = Arrays.copyOf(plaintext, plaintext.length + 1);
        record[plaintext.length] = LAST_RECORD_DELIMITER;
        byte[] sealed = aesGcm(Cipher.ENCRYPT_MODE, keys, record);

        return ByteBuffer.allocate(HEADER_BYTES + sealed.length)
                .put(salt)
                .putInt(RECORD_SIZE)
                .put((byte) serverPublic.length)
                .put(serverPublic)
                .put(sealed)
                .array();
    }

    /**
     * The key schedule of RFC 8291 §3.3–3.4 and RFC 8188 §2.2–2.3. Both ends run it; only the side
     * holding each private key differs, so the test's decryption uses it too.
     */
    static Keys keys(byte[] ecdhSecret, byte[] authSecret, byte[] userAgentPublic, byte[] serverPublic, byte[] salt) {
        byte[] keyInfo = ByteBuffer.allocate(KEY_INFO.length + userAgentPublic.length + serverPublic.length)
                .put(KEY_INFO).put(userAgentPublic).put(serverPublic).array();
        byte[] inputKeyingMaterial = Hkdf.expand(Hkdf.extract(authSecret, ecdhSecret), keyInfo, IKM_BYTES);
        byte[] pseudorandomKey = Hkdf.extract(salt, inputKeyingMaterial);
        // One record only, with sequence number 0: the nonce needs no XOR with it.
        return new Keys(Hkdf.expand(pseudorandomKey, CEK_INFO, CEK_BYTES), Hkdf.expand(pseudorandomKey, NONCE_INFO, NONCE_BYTES));
    }

    /** AES-128-GCM with a 128-bit tag and no associated data, in either direction. */
    static byte[] aesGcm(int mode, Keys keys, byte[] input) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, new SecretKeySpec(keys.contentEncryptionKey(), "AES"), new GCMParameterSpec(TAG_BYTES * 8, keys.nonce()));
            return cipher.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-128-GCM failed: " + e.getMessage(), e);
        }
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
