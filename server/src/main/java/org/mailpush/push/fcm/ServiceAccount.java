package org.mailpush.push.fcm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

/**
 * A Google service account's key file, as the Firebase console downloads it: who signs ({@code
 * client_email}), with what ({@code private_key}, RSA, PKCS#8 PEM), and where tokens come from
 * ({@code token_uri}). Not a record, so that no {@code toString} ever shows the key.
 */
final class ServiceAccount {
    private final String clientEmail;
    private final String keyId;
    private final PrivateKey key;
    private final URI tokenUri;

    ServiceAccount(String clientEmail, String keyId, PrivateKey key, URI tokenUri) {
        this.clientEmail = clientEmail;
        this.keyId = keyId;
        this.key = key;
        this.tokenUri = tokenUri;
    }

    /**
     * @throws IllegalStateException naming the file (never quoting it) when it cannot be read as a
     *                               service-account key
     */
    static ServiceAccount load(Path file) {
        try {
            JsonNode json = new ObjectMapper().readTree(Files.readAllBytes(file));
            String email = required(json, "client_email");
            String pem = required(json, "private_key");
            String body = pem.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
            PrivateKey key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)));
            URI tokenUri = URI.create(json.path("token_uri").asText("https://oauth2.googleapis.com/token"));
            return new ServiceAccount(email, json.path("private_key_id").asText(""), key, tokenUri);
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            // Only the kind of trouble: a parser's message may quote the file, and the file holds the key.
            throw new IllegalStateException("cannot read the FCM service account " + file + " (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static String required(JsonNode json, String field) {
        String value = json.path(field).asText("");
        if (value.isEmpty()) {
            throw new IllegalArgumentException("no " + field);
        }
        return value;
    }

    String clientEmail() {
        return clientEmail;
    }

    String keyId() {
        return keyId;
    }

    PrivateKey key() {
        return key;
    }

    URI tokenUri() {
        return tokenUri;
    }

    @Override
    public String toString() {
        return "service account " + clientEmail;
    }
}
