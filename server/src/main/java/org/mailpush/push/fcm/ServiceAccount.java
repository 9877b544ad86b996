package org.mailpush.push.fcm;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import org.mailpush.json.StrictJson;

/**
 * A Google service account, from the JSON key file the Firebase console gives: who signs, with which
 * RSA key, and where tokens come from. The key stays in memory; nothing of it is logged.
 *
 * @param projectId the Firebase project the messages are sent for
 */
record ServiceAccount(String clientEmail, PrivateKey key, URI tokenUri, String projectId) {

    /** @throws IllegalStateException naming the file when it cannot be read or lacks a field */
    static ServiceAccount load(Path file) {
        try {
            JsonNode json = StrictJson.reader().readTree(Files.readAllBytes(file));
            String pem = field(json, "private_key", file).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            PrivateKey key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
            return new ServiceAccount(field(json, "client_email", file), key, URI.create(field(json, "token_uri", file)),
                    field(json, "project_id", file));
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("cannot read the FCM service account " + file + ": " + e.getMessage(), e);
        }
    }

    private static String field(JsonNode json, String name, Path file) {
        JsonNode value = json.get(name);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new IllegalStateException("the FCM service account " + file + " has no " + name);
        }
        return value.asText();
    }

    @Override
    public String toString() {
        return "ServiceAccount[" + clientEmail + ", project " + projectId + "]";
    }
}
