package org.mailpush.store.jdbc;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The key that seals the secrets the store keeps — the upstream accounts' passwords — with AES-256-GCM
 * (the JDK's provider), so that a copy of the database, or a page of it left in its file, does not hand
 * them out. 32 random octets, written in base64: in a file of the data directory ({@code secret.key},
 * {@code rw-------}, made on first start) or given in the environment ({@code MAILPUSH_SECRETS_KEY}).
 * Its {@link #id()} is kept with each sealed value, so that a wrong key is named at start instead of
 * failing one account at a time.
 */
public final class StoreKey {
    private static final int LENGTH = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] key;
    private final String id;
    private final String origin;

    private StoreKey(byte[] key, String origin) {
        this.key = key.clone();
        this.origin = origin;
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(ByteBuffer.allocate(LENGTH + 16)
                    .put("mailpush-key-id:".getBytes(StandardCharsets.US_ASCII)).put(key).array());
            this.id = HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JDK lacks SHA-256", e);
        }
    }

    /** A new random key; {@code origin} says where it will be kept, for messages. */
    public static StoreKey random(String origin) {
        byte[] key = new byte[LENGTH];
        RANDOM.nextBytes(key);
        return new StoreKey(key, origin);
    }

    /**
     * A key written in base64, from {@code origin} (a file or a variable, named in the message).
     *
     * @throws IllegalArgumentException when it is not 32 octets in base64
     */
    public static StoreKey parse(String text, String origin) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(text.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(origin + " must hold a key of " + LENGTH + " octets in base64, but is not base64");
        }
        if (key.length != LENGTH) {
            throw new IllegalArgumentException(origin + " must hold a key of " + LENGTH + " octets in base64, but holds " + key.length);
        }
        return new StoreKey(key, origin);
    }

    /** The key in {@code file}, made with a random key ({@code rw-------}) when there is none yet. */
    public static StoreKey loadOrCreate(Path file) throws IOException {
        if (Files.notExists(file)) {
            StoreKey key = random(file.toString());
            key.write(file);
            return key;
        }
        return load(file);
    }

    /** The key in {@code file}. */
    public static StoreKey load(Path file) throws IOException {
        return parse(Files.readString(file, StandardCharsets.US_ASCII), "the key file " + file);
    }

    /** Writes the key to {@code file}, owner-only, replacing it whole or not at all. */
    public void write(Path file) throws IOException {
        Path directory = file.toAbsolutePath().getParent();
        Files.createDirectories(directory);
        Path temporary = FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
                ? Files.createTempFile(directory, ".secret", ".tmp", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                : Files.createTempFile(directory, ".secret", ".tmp");
        try {
            Files.writeString(temporary, encoded() + "\n", StandardCharsets.US_ASCII);
            try {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** The key in base64, as its file and {@code MAILPUSH_SECRETS_KEY} hold it. */
    public String encoded() {
        return Base64.getEncoder().encodeToString(key);
    }

    /** A short name of the key (16 hex digits of a hash of it) that gives nothing of the key away. */
    public String id() {
        return id;
    }

    /** Where the key came from: its file or its environment variable. */
    public String origin() {
        return origin;
    }

    /** The secret sealed: base64 of a random nonce, the cipher text and the tag; {@code context} binds it to its place. */
    String seal(String secret, String context) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, nonce, context);
            byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot seal with AES-GCM: " + e.getMessage(), e);
        }
    }

    /**
     * The secret {@link #seal} sealed with this key and context.
     *
     * @throws IllegalStateException when it was sealed with another key, or altered
     */
    String open(String sealed, String context) {
        try {
            byte[] bytes = Base64.getDecoder().decode(sealed);
            if (bytes.length < NONCE_BYTES + TAG_BITS / 8) {
                throw new IllegalStateException("a sealed " + context + " is too short to be one");
            }
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, java.util.Arrays.copyOf(bytes, NONCE_BYTES), context);
            return new String(cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (AEADBadTagException | IllegalArgumentException e) {
            throw new IllegalStateException("a sealed " + context + " does not open with the key " + id + " from " + origin
                    + ": it was sealed with another key, or altered");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot open with AES-GCM: " + e.getMessage(), e);
        }
    }

    private Cipher cipher(int mode, byte[] nonce, String context) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
        return cipher;
    }

    @Override
    public String toString() {
        return "StoreKey[" + id + " from " + origin + "]";
    }
}
