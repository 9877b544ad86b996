package org.mailpush.push.fcm;

import com.fasterxml.jackson.databind.JsonNode;
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
import org.mailpush.json.StrictJson;

/**
 * OAuth 2 access tokens for FCM from a service account: a JWT assertion signed RS256 is exchanged at
 * the account's token URI (RFC 7523); a token is reused until five minutes before it expires.
 */
final class AccessTokens {
    static final String SCOPE = "https://www.googleapis.com/auth/firebase.messaging";
    private static final Duration LIFETIME = Duration.ofHours(1);
    private static final Duration MARGIN = Duration.ofMinutes(5);
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final ServiceAccount account;
    private final HttpClient http;
    private final InstantSource clock;
    private final Duration timeout;
    private String token;
    private Instant expires = Instant.MIN;

    AccessTokens(ServiceAccount account, HttpClient http, InstantSource clock, Duration timeout) {
        this.account = account;
        this.http = http;
        this.clock = clock;
        this.timeout = timeout;
    }

    /** A token valid for five minutes at least; fetched anew when the one held is older, or was refused. */
    synchronized CompletableFuture<String> token(boolean renew) {
        Instant now = clock.instant();
        if (!renew && token != null && now.isBefore(expires.minus(MARGIN))) {
            return CompletableFuture.completedFuture(token);
        }
        String form = "grant_type=" + URLEncoder.encode("urn:ietf:params:oauth:grant-type:jwt-bearer", StandardCharsets.UTF_8)
                + "&assertion=" + assertion(now);
        HttpRequest request = HttpRequest.newBuilder(account.tokenUri()).timeout(timeout)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply(response -> {
            if (response.statusCode() != 200) {
                throw new IllegalStateException("the token endpoint answered " + response.statusCode());
            }
            try {
                JsonNode json = StrictJson.reader().readTree(response.body());
                return remember(json.path("access_token").asText(), json.path("expires_in").asLong(LIFETIME.toSeconds()), now);
            } catch (java.io.IOException e) {
                throw new IllegalStateException("the token endpoint answered no JSON");
            }
        });
    }

    private synchronized String remember(String accessToken, long expiresIn, Instant now) {
        if (accessToken.isEmpty()) {
            throw new IllegalStateException("the token endpoint gave no access_token");
        }
        token = accessToken;
        expires = now.plusSeconds(expiresIn);
        return token;
    }

    /** The signed JWT: {@code iss} the account, {@code scope} FCM, {@code aud} the token URI, an hour long. */
    String assertion(Instant now) {
        String header = BASE64URL.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String claims = BASE64URL.encodeToString(StrictJson.reader().createObjectNode()
                .put("iss", account.clientEmail()).put("scope", SCOPE).put("aud", account.tokenUri().toString())
                .put("iat", now.getEpochSecond()).put("exp", now.plus(LIFETIME).getEpochSecond())
                .toString().getBytes(StandardCharsets.UTF_8));
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(account.key());
            rsa.update((header + "." + claims).getBytes(StandardCharsets.US_ASCII));
            return header + "." + claims + "." + BASE64URL.encodeToString(rsa.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign the FCM token request: " + e.getMessage(), e);
        }
    }
}
