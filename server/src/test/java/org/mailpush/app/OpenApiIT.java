package org.mailpush.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The OpenAPI document the server serves documents exactly the routes it answers: none missing, none extra. */
class OpenApiIT {
    @TempDir
    Path data;

    @Test
    void everyRouteIsDocumentedAndEveryDocumentedRouteExists() throws Exception {
        try (MailpushServer server = MailpushServer.start(ServerConfig.read(Settings.of(Map.of(), "", Map.of(),
                Map.of("data-dir", data.toString(), "smtp.port", "0", "http.port", "0"))), InstantSource.system())) {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.httpPort() + "/api/openapi.json")).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode document = new ObjectMapper().readTree(response.body());

            List<String> documented = new ArrayList<>();
            document.path("paths").properties().forEach(path -> path.getValue().properties().forEach(operation ->
                    documented.add(operation.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey())));

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
            assertThat(document.path("openapi").asText()).startsWith("3.1");
            assertThat(documented).containsExactlyInAnyOrderElementsOf(server.httpRoutes());
        }
    }

    @Test
    void everyReferenceResolves() throws Exception {
        JsonNode document = new ObjectMapper().readTree(OpenApiIT.class.getResourceAsStream("/openapi.json"));
        List<String> references = new ArrayList<>();
        collect(document, references);

        assertThat(references).isNotEmpty().allSatisfy(reference -> assertThat(document.at(reference.substring(1)).isMissingNode())
                .as(reference).isFalse());
    }

    private static void collect(JsonNode node, List<String> references) {
        if (node.has("$ref")) {
            references.add(node.get("$ref").asText());
        }
        node.forEach(child -> collect(child, references));
    }
}
