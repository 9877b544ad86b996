package org.mailpush.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every policy the docs show — in docs/policy.md, agent.md and protocol.md, and in docs/examples — is
 * read back exactly as it is written there: the docs write policies in the normal form the server
 * gives back ({@code policy show}, {@code policy.get}, {@code GET /api/policy}).
 */
class PolicyDocsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern FENCED_JSON = Pattern.compile("```json\\n(.*?)```", Pattern.DOTALL);
    // Tests run in the module's directory.
    private static final Path DOCS = Path.of("..", "docs");

    static Stream<Arguments> documentedPolicies() throws IOException {
        List<Arguments> policies = new ArrayList<>();
        for (String page : List.of("policy.md", "agent.md", "protocol.md")) {
            Matcher block = FENCED_JSON.matcher(Files.readString(DOCS.resolve(page)));
            int n = 0;
            while (block.find()) {
                n++;
                try (var values = JSON.readerFor(JsonNode.class).<JsonNode>readValues(block.group(1))) {
                    while (values.hasNext()) {
                        collect(page + ", json block " + n, values.next(), policies);
                    }
                }
            }
        }
        try (Stream<Path> files = Files.list(DOCS.resolve("examples"))) {
            for (Path file : files.sorted().toList()) {
                collect("examples/" + file.getFileName(), JSON.readTree(file.toFile()), policies);
            }
        }
        return policies.stream();
    }

    /** The policies in a document: itself when it has rules, a lone rule as a policy of one, and any "policy" field. */
    private static void collect(String where, JsonNode node, List<Arguments> policies) {
        if (node.path("rules").isArray()) {
            policies.add(Arguments.of(where, node));
        } else if (node.has("kind") && !node.has("type")) {
            ObjectNode policy = JSON.createObjectNode();
            policy.putArray("rules").add(node);
            policies.add(Arguments.of(where + " (a rule)", policy));
        } else if (node.path("policy").isObject()) {
            policies.add(Arguments.of(where, node.get("policy")));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("documentedPolicies")
    void isReadBackAsWritten(String where, JsonNode policy) {
        assertThat(PolicyJson.write(PolicyJson.read(policy, "policy"))).as(where).isEqualTo(policy);
    }
}
