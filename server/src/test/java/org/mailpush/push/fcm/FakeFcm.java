package org.mailpush.push.fcm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * FCM faked at the wire on a loopback port: Google's token endpoint, which checks the JWT assertion's
 * RS256 signature with the service account's public key and its claims, and FCM's
 * {@code messages:send}, which takes only the access token it gave out, records each message, and
 * answers as the registration token says.
 */
final class FakeFcm implements AutoCloseable {
    /** How FCM answers a message for a registration token. */
    enum Answer { ACCEPT, UNREGISTERED, INVALID_TOKEN, UNAVAILABLE, QUOTA_EXCEEDED }

    static final String PROJECT = "mailpush-demo";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final PublicKey accountKey;
    private final String clientEmail;
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final BlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
    private final BlockingQueue<JsonNode> assertions = new LinkedBlockingQueue<>();
    private final AtomicInteger tokensGiven = new AtomicInteger();
    private final AtomicInteger sends = new AtomicInteger();
    private volatile String validToken = "";

    private FakeFcm(HttpServer server, PublicKey accountKey, String clientEmail) {
        this.server = server;
        this.accountKey = accountKey;
        this.clientEmail = clientEmail;
    }

    static FakeFcm start(PublicKey accountKey, String clientEmail) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        var fake = new FakeFcm(server, accountKey, clientEmail);
        server.createContext("/token", fake::token);
        server.createContext("/v1/projects/" + PROJECT + "/messages:send", fake::send);
        server.start();
        return fake;
    }

    URI base() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    URI tokenUri() {
        return base().resolve("/token");
    }

    void answer(String registrationToken, Answer answer) {
        answers.put(registrationToken, answer);
    }

    JsonNode takeMessage() throws InterruptedException {
        return take(messages);
    }

    JsonNode takeAssertion() throws InterruptedException {
        return take(assertions);
    }

    int tokensGiven() {
        return tokensGiven.get();
    }

    int sends() {
        return sends.get();
    }

    private static JsonNode take(BlockingQueue<JsonNode> queue) throws InterruptedException {
        JsonNode node = queue.poll(30, TimeUnit.SECONDS);
        if (node == null) {
            throw new AssertionError("nothing arrived");
        }
        return node;
    }

    private void token(HttpExchange exchange) throws IOException {
        Map<String, String> form = new HashMap<>();
        for (String pair : new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8).split("&")) {
            String[] kv = pair.split("=", 2);
            form.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
        }
        JsonNode claims = verified(form.getOrDefault("assertion", ""));
        if (!"urn:ietf:params:oauth:grant-type:jwt-bearer".equals(form.get("grant_type")) || claims == null
                || !claims.path("iss").asText().equals(clientEmail) || !claims.path("aud").asText().equals(tokenUri().toString())
                || !claims.path("scope").asText().equals("https://www.googleapis.com/auth/firebase.messaging")) {
            reply(exchange, 400, "{\"error\":\"invalid_grant\",\"error_description\":\"Invalid JWT Signature.\"}");
            return;
        }
        assertions.add(claims);
        validToken = "ya29.test-" + tokensGiven.incrementAndGet();
        reply(exchange, 200, "{\"access_token\":\"" + validToken + "\",\"expires_in\":3599,\"token_type\":\"Bearer\"}");
    }

    /** The claims of an RS256 JWT that verifies with the account's key, or null. */
    private JsonNode verified(String jwt) {
        String[] parts = jwt.split("\\.");
        try {
            var verifier = Signature.getInstance("SHA256withRSA");
            verifier.initVerify(accountKey);
            verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            if (parts.length != 3 || !verifier.verify(Base64.getUrlDecoder().decode(parts[2]))
                    || !JSON.readTree(Base64.getUrlDecoder().decode(parts[0])).path("alg").asText().equals("RS256")) {
                return null;
            }
            return JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
        } catch (Exception e) {
            return null;
        }
    }

    private void send(HttpExchange exchange) throws IOException {
        sends.incrementAndGet();
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (!("Bearer " + validToken).equals(authorization) || !"POST".equals(exchange.getRequestMethod())) {
            reply(exchange, 401, error(401, "UNAUTHENTICATED", "THIRD_PARTY_AUTH_ERROR", "Request had invalid authentication credentials."));
            return;
        }
        JsonNode body = JSON.readTree(exchange.getRequestBody());
        String token = body.at("/message/token").asText();
        // Decided before the message is handed to the test: an answer the test sets after taking it is for the next.
        Answer answer = answers.getOrDefault(token, Answer.ACCEPT);
        messages.add(body);
        switch (answer) {
            case ACCEPT -> reply(exchange, 200, "{\"name\":\"projects/" + PROJECT + "/messages/0:1500415314455276%31bd1c9631bd1c96\"}");
            case UNREGISTERED -> reply(exchange, 404, error(404, "NOT_FOUND", "UNREGISTERED", "Requested entity was not found."));
            case INVALID_TOKEN -> reply(exchange, 400, "{\"error\":{\"code\":400,\"message\":\"The registration token is not a valid FCM"
                    + " registration token\",\"status\":\"INVALID_ARGUMENT\",\"details\":[{\"@type\":\"type.googleapis.com/google.firebase"
                    + ".fcm.v1.FcmError\",\"errorCode\":\"INVALID_ARGUMENT\"},{\"@type\":\"type.googleapis.com/google.rpc.BadRequest\","
                    + "\"fieldViolations\":[{\"field\":\"message.token\",\"description\":\"Invalid registration token\"}]}]}}");
            case UNAVAILABLE -> {
                exchange.getResponseHeaders().add("Retry-After", "7");
                reply(exchange, 503, error(503, "UNAVAILABLE", "UNAVAILABLE", "The service is currently unavailable."));
            }
            case QUOTA_EXCEEDED -> reply(exchange, 429, error(429, "RESOURCE_EXHAUSTED", "QUOTA_EXCEEDED", "Quota exceeded."));
        }
    }

    private static String error(int code, String status, String errorCode, String message) {
        return "{\"error\":{\"code\":" + code + ",\"message\":\"" + message + "\",\"status\":\"" + status + "\",\"details\":[{\"@type\":"
                + "\"type.googleapis.com/google.firebase.fcm.v1.FcmError\",\"errorCode\":\"" + errorCode + "\"}]}}";
    }

    private static void reply(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json; charset=UTF-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (var out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
