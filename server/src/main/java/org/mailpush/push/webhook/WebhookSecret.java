package org.mailpush.push.webhook;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The server's key for signing webhook bodies: one secret for every hook, kept as hex in a file
 * (created 0600 with 32 random octets on first start). A receiver checks the signature with it.
 */
public final class WebhookSecret {
    private static final int OCTETS = 32;

    private WebhookSecret() {
    }

    /**
     * Reads the secret, or makes and keeps a new one when the file does not exist.
     *
     * @throws IllegalStateException naming the file when it holds no hex secret of at least 16 octets
     */
    public static byte[] loadOrCreate(Path file) {
        try {
            if (!Files.exists(file)) {
                byte[] secret = new byte[OCTETS];
                new SecureRandom().nextBytes(secret);
                Files.createDirectories(file.toAbsolutePath().getParent());
                try {
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                } catch (UnsupportedOperationException e) {
                    Files.createFile(file);
                }
                Files.writeString(file, HexFormat.of().formatHex(secret) + "\n", StandardCharsets.US_ASCII);
                return secret;
            }
            String text = Files.readString(file, StandardCharsets.US_ASCII).strip();
            byte[] secret = HexFormat.of().parseHex(text);
            if (secret.length < 16) {
                throw new IllegalStateException("webhook secret " + file + " is shorter than 16 octets");
            }
            return secret;
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("webhook secret " + file + " is not hex: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("webhook secret " + file + ": " + e.getMessage(), e);
        }
    }
}
