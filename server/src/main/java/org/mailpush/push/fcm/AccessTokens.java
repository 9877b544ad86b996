package org.mailpush.push.fcm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;

/**
 * OAuth 2 access tokens for FCM, from the service account: a JWT assertion signed with its key (RS256)
 * exchanged at its {@code token_uri} (RFC 7523, Google's "Using OAuth 2.0 for Server to Server
 * Applications"). A token is kept and reused until five minutes before it expires; callers asking at
 * once while one is fetched share that fetch.
 */
final class AccessTokens {
    static final String SCOPE = "https://www.googleapis.com/auth/firebase.messaging";
    private static final Duration ASSERTION_LIFETIME = Duration.ofHours(1);
    private static final Duration EARLY = Duration.ofMinutes(5);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The token endpoint refused or could not be reached; {@code transient} when trying again may help. */
    static final class TokenException extends RuntimeException {
        private final boolean transientFailure;

        TokenException(String message, boolean transientFailure) {
            super(message, null, false, false);
            this.transientFailure = transientFailure;
        }

        boolean transientFailure() {
            return transientFailure;
        }
    }

    private record Token(String value, Instant refreshAt) {}

    private final ServiceAccount account;
    private final HttpClient http;
    private final InstantSource clock;
    private final Duration timeout;
    private Token current;
    private CompletableFuture<String> fetching;

    AccessTokens(ServiceAccount account, HttpClient http, InstantSource clock, Duration timeout) {
        this.account = account;
        this.http = http;
        this.clock = clock;
        this.timeout = timeout;
    }

    /** A valid token; the stage fails with {@link TokenException} when none can be had. */
    synchronized CompletableFuture<String> token() {
        if (current != null && clock.instant().isBefore(current.refreshAt())) {
            return CompletableFuture.completedFuture(current.value());
        }
        if (fetching != null) {
            return fetching;
        }
        // A fetch that is over before whenComplete is registered runs done() here and now: return the local, not the field.
        CompletableFuture<String> fetch = fetch();
        fetching = fetch;
        fetch.whenComplete((token, failure) -> done(fetch));
        return fetch;
    }

    /** Forgets the token FCM refused (401), so that the next message fetches another. */
    synchronized void refused(String token) {
        if (current != null && current.value().equals(token)) {
            current = null;
        }
    }

    private synchronized void done(CompletableFuture<String> fetch) {
        if (fetching == fetch) {
            fetching = null;
        }
    }

    private CompletableFuture<String> fetch() {
        Instant now = clock.instant();
        String form = "grant_type=" + URLEncoder.encode("urn:ietf:params:oauth:grant-type:jwt-bearer", StandardCharsets.UTF_8)
                + "&assertion=" + assertion(now);
        var request = HttpRequest.newBuilder(account.tokenUri()).timeout(timeout)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).handle((response, failure) -> {
            if (failure != null) {
                throw new TokenException("the token endpoint cannot be reached: " + failure.getClass().getSimpleName(), true);
            }
            return keep(response, now);
        });
    }

    private String keep(HttpResponse<String> response, Instant asked) {
        int status = response.statusCode();
        if (status != 200) {
            // The body of a refusal names the error (invalid_grant …) and holds no secret; it is cut short all the same.
            String body = response.body().replaceAll("\\s+", " ");
            throw new TokenException("the token endpoint answered " + status + ": " + body.substring(0, Math.min(200, body.length())),
                    status == 429 || status >= 500);
        }
        try {
            JsonNode json = JSON.readTree(response.body());
            String token = json.path("access_token").asText("");
            long seconds = json.path("expires_in").asLong(3600);
            if (token.isEmpty()) {
                throw new TokenException("the token endpoint gave no access_token", false);
            }
            Instant refreshAt = asked.plusSeconds(seconds).minus(EARLY);
            synchronized (this) {
                current = new Token(token, refreshAt);
            }
            return token;
        } catch (IOException e) {
            throw new TokenException("the token endpoint's answer is not JSON", false);
        }
    }

    /** The signed JWT: {@code iss} the account, {@code aud} the token endpoint, an hour long. */
    private String assertion(Instant now) {
        ObjectNode header = JSON.createObjectNode().put("alg", "RS256").put("typ", "JWT");
        if (!account.keyId().isEmpty()) {
            header.put("kid", account.keyId());
        }
        ObjectNode claims = JSON.createObjectNode()
                .put("iss", account.clientEmail())
                .put("scope", SCOPE)
                .put("aud", account.tokenUri().toString())
                .put("iat", now.getEpochSecond())
                .put("exp", now.plus(ASSERTION_LIFETIME).getEpochSecond());
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        String signed = base64.encodeToString(header.toString().getBytes(StandardCharsets.UTF_8)) + "."
                + base64.encodeToString(claims.toString().getBytes(StandardCharsets.UTF_8));
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(account.key());
            signature.update(signed.getBytes(StandardCharsets.US_ASCII));
            return signed + "." + base64.encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with the service account's key (" + e.getClass().getSimpleName() + ")");
        }
    }
}
