package org.mailpush.push.webpush;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Voluntary Application Server Identification (RFC 8292): the {@code Authorization} header that
 * tells a push service which application server sends, signed with the server's {@link VapidKeys}.
 *
 * <p>The token is a JWT (RFC 7519) signed with ES256 (RFC 7518 §3.4): claims {@code aud}, the push
 * resource's origin; {@code exp}, twelve hours ahead (RFC 8292 §2 allows at most 24); {@code sub},
 * the operator's contact. One token per audience is kept and reused until an hour before it
 * expires, so a burst of messages signs once. Thread-safe.
 */
final class Vapid {
    static final Duration LIFETIME = Duration.ofHours(12);
    static final Duration RENEW_BEFORE_EXPIRY = Duration.ofHours(1);
    private static final String HEADER = "{\"typ\":\"JWT\",\"alg\":\"ES256\"}";
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final VapidKeys keys;
    private final String subject;
    private final InstantSource clock;
    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, Token> tokens = new ConcurrentHashMap<>();

    Vapid(VapidKeys keys, URI subject, InstantSource clock) {
        this.keys = keys;
        this.subject = subject.toString();
        this.clock = clock;
    }

    private record Token(String header, Instant expires) {}

    /** The header field's value for a push resource: {@code vapid t=<JWT>, k=<public key>}. */
    String authorization(Subscription subscription) {
        Instant now = clock.instant();
        String audience = subscription.origin();
        Token token = tokens.get(audience);
        if (token == null || !now.isBefore(token.expires.minus(RENEW_BEFORE_EXPIRY))) {
            token = sign(audience, now.plus(LIFETIME));
            // Audiences are the push services in use, a handful; the expired are dropped as new ones come.
            tokens.values().removeIf(old -> !now.isBefore(old.expires));
            tokens.put(audience, token);
        }
        return token.header;
    }

    private Token sign(String audience, Instant expires) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("aud", audience);
        claims.put("exp", expires.getEpochSecond());
        claims.put("sub", subject);
        try {
            String signingInput = BASE64URL.encodeToString(HEADER.getBytes(StandardCharsets.UTF_8)) + "."
                    + BASE64URL.encodeToString(json.writeValueAsBytes(claims));
            // JWS wants R || S, 32 octets each (RFC 7518 §3.4), not the DER SEQUENCE that SHA256withECDSA
            // emits; the JDK's P1363 variant of the same algorithm writes exactly that.
            var signer = Signature.getInstance("SHA256withECDSAinP1363Format");
            signer.initSign(keys.privateKey());
            signer.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            String jwt = signingInput + "." + BASE64URL.encodeToString(signer.sign());
            return new Token("vapid t=" + jwt + ", k=" + keys.publicKey(), expires);
        } catch (GeneralSecurityException | JsonProcessingException e) {
            throw new IllegalStateException("cannot sign a VAPID token: " + e.getMessage(), e);
        }
    }
}
