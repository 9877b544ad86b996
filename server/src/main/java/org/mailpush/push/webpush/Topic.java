package org.mailpush.push.webpush;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A push message topic (RFC 8030 §5.4): a message the push service still holds for the user agent is
 * replaced by a newer one with the same topic, so that a device coming online gets only the latest.
 *
 * @param value at most 32 characters of the base64url alphabet
 */
public record Topic(String value) {
    private static final Pattern BASE64URL = Pattern.compile("[A-Za-z0-9_-]{1,32}");
    /** 24 octets of hash make exactly 32 base64url characters. */
    private static final int HASH_BYTES = 24;

    public Topic {
        Objects.requireNonNull(value, "value");
        if (!BASE64URL.matcher(value).matches()) {
            throw new IllegalArgumentException("a push topic is 1 to 32 base64url characters, got '" + value + "'");
        }
    }

    /**
     * The topic of any key the caller chooses (a device and a mail, say): the first 24 octets of its
     * SHA-256 in base64url, so equal keys give equal topics and the key itself is not revealed to the
     * push service.
     */
    public static Topic of(String key) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return new Topic(Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(hash, HASH_BYTES)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JDK lacks SHA-256", e);
        }
    }
}
