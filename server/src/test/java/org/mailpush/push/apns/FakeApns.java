package org.mailpush.push.apns;

import com.eatthepath.pushy.apns.server.MockApnsServer;
import com.eatthepath.pushy.apns.server.MockApnsServerBuilder;
import com.eatthepath.pushy.apns.server.RejectedNotificationException;
import com.eatthepath.pushy.apns.server.RejectionReason;
import com.eatthepath.pushy.apns.server.UnregisteredDeviceTokenException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.handler.codec.http2.Http2Headers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * APNs faked at the wire with Pushy's {@link MockApnsServer} on a loopback port: TLS with a
 * certificate made for the test by the JDK's keytool, HTTP/2, and a handler that checks the provider
 * token's ES256 signature with the team key's public half, records each request as APNs gets it, and
 * answers as the device token says.
 */
final class FakeApns implements AutoCloseable {
    /** How APNs answers a notification for a device token. */
    enum Answer { ACCEPT, BAD_DEVICE_TOKEN, UNREGISTERED, TOO_MANY_REQUESTS, PAYLOAD_TOO_LARGE }

    /** One request as APNs got it: its HTTP/2 headers (pseudo-headers included) and its body. */
    record Received(Map<String, String> headers, JsonNode payload) {
        String header(String name) {
            return headers.get(name);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String STORE_PASSWORD = "test-only";

    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final MockApnsServer server;
    private final X509Certificate certificate;
    private final int port;

    private FakeApns(MockApnsServer server, X509Certificate certificate, int port) {
        this.server = server;
        this.certificate = certificate;
        this.port = port;
    }

    /** The server's certificate and key, made once for all tests: keytool takes a second or two. */
    private record Credentials(X509Certificate certificate, PrivateKey key) {}

    private static Credentials credentials;

    /** Starts on a free loopback port; {@code teamKey} verifies the provider tokens. */
    static FakeApns start(Path directory, PublicKey teamKey) throws Exception {
        return start(directory, teamKey, 0);
    }

    /** Starts on {@code port} (0 for a free one), as APNs comes back after dropping its connections. */
    static FakeApns start(Path directory, PublicKey teamKey, int port) throws Exception {
        Credentials tls = credentials(directory);
        X509Certificate certificate = tls.certificate();
        PrivateKey privateKey = tls.key();
        var holder = new FakeApns[1];
        MockApnsServer server = new MockApnsServerBuilder()
                .setServerCredentials(new X509Certificate[] {certificate}, privateKey, null)
                .setHandlerFactory(session -> (headers, payload) ->
                        holder[0].handle(headers, payload.toString(StandardCharsets.UTF_8), teamKey))
                .build();
        int bound = server.start(port).get(30, TimeUnit.SECONDS);
        holder[0] = new FakeApns(server, certificate, bound);
        return holder[0];
    }

    private static synchronized Credentials credentials(Path directory) throws Exception {
        if (credentials != null) {
            return credentials;
        }
        Path store = directory.resolve("tls.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "apns", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
                "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12", "-keystore", store.toString(),
                "-storepass", STORE_PASSWORD, "-keypass", STORE_PASSWORD).redirectErrorStream(true).start();
        String said = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
            throw new IOException("keytool failed: " + said);
        }
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(store)) {
            keys.load(in, STORE_PASSWORD.toCharArray());
        }
        credentials = new Credentials((X509Certificate) keys.getCertificate("apns"),
                (PrivateKey) keys.getKey("apns", STORE_PASSWORD.toCharArray()));
        return credentials;
    }

    int port() {
        return port;
    }

    X509Certificate certificate() {
        return certificate;
    }

    void answer(String token, Answer answer) {
        answers.put(token, answer);
    }

    Received take() throws InterruptedException {
        Received request = received.poll(30, TimeUnit.SECONDS);
        if (request == null) {
            throw new AssertionError("APNs got no request");
        }
        return request;
    }

    int requests() {
        return requests.get();
    }

    private void handle(Http2Headers headers, String body, PublicKey teamKey) throws RejectedNotificationException {
        requests.incrementAndGet();
        Map<String, String> fields = new TreeMap<>();
        headers.forEach(entry -> fields.put(entry.getKey().toString(), entry.getValue().toString()));
        if (!validToken(fields.getOrDefault("authorization", ""), teamKey)) {
            throw new RejectedNotificationException(RejectionReason.INVALID_PROVIDER_TOKEN);
        }
        try {
            received.add(new Received(fields, JSON.readTree(body)));
        } catch (IOException e) {
            throw new RejectedNotificationException(RejectionReason.PAYLOAD_EMPTY);
        }
        String path = fields.getOrDefault(":path", "");
        String token = path.substring(path.lastIndexOf('/') + 1);
        switch (answers.getOrDefault(token, Answer.ACCEPT)) {
            case ACCEPT -> {}
            case BAD_DEVICE_TOKEN -> throw new RejectedNotificationException(RejectionReason.BAD_DEVICE_TOKEN);
            case UNREGISTERED -> throw new UnregisteredDeviceTokenException(Instant.parse("2025-05-01T00:00:00Z"));
            case TOO_MANY_REQUESTS -> throw new RejectedNotificationException(RejectionReason.TOO_MANY_REQUESTS);
            case PAYLOAD_TOO_LARGE -> throw new RejectedNotificationException(RejectionReason.PAYLOAD_TOO_LARGE);
        }
    }

    /**
     * A provider token: {@code bearer} and an ES256 JWT whose signature verifies with the team key. JWS
     * spells the signature R || S; Pushy sends it DER-encoded, which APNs takes too, so both are read.
     */
    private static boolean validToken(String authorization, PublicKey teamKey) {
        if (!authorization.startsWith("bearer ")) {
            return false;
        }
        String[] parts = authorization.substring("bearer ".length()).split("\\.");
        if (parts.length != 3) {
            return false;
        }
        try {
            byte[] signature = Base64.getUrlDecoder().decode(parts[2]);
            var verifier = Signature.getInstance(signature.length == 64 ? "SHA256withECDSAinP1363Format" : "SHA256withECDSA");
            verifier.initVerify(teamKey);
            verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            return verifier.verify(signature);
        } catch (Exception e) {
            return false;
        }
    }

    @Override
    public void close() throws Exception {
        server.shutdown().get(30, TimeUnit.SECONDS);
    }
}
