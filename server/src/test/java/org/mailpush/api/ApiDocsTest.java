package org.mailpush.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mailpush.device.Device;
import org.mailpush.device.DeviceId;
import org.mailpush.device.DeviceType;
import org.mailpush.json.DeviceJson;
import org.mailpush.json.LinkJson;
import org.mailpush.json.PlanJson;
import org.mailpush.json.PolicyJson;
import org.mailpush.json.ReportJson;
import org.mailpush.json.Scenario;
import org.mailpush.json.ScenarioJson;
import org.mailpush.json.SummaryJson;
import org.mailpush.mail.Importance;
import org.mailpush.mail.MailFlags;
import org.mailpush.mail.MailId;
import org.mailpush.mail.StoredMail;
import org.mailpush.policy.Escalation;
import org.mailpush.policy.Policy;
import org.mailpush.policy.ReportingMode;
import org.mailpush.policy.Target;
import org.mailpush.presence.InMemoryReportStore;
import org.mailpush.presence.PowerState;
import org.mailpush.presence.PresenceInference;
import org.mailpush.presence.PresenceSettings;
import org.mailpush.presence.Proximity;
import org.mailpush.presence.Reachability;
import org.mailpush.presence.UsageState;
import org.mailpush.push.OutboxEntry;
import org.mailpush.push.Payload;
import org.mailpush.push.PlanStore;
import org.mailpush.route.DeviceSnapshot;
import org.mailpush.route.PushPlan;
import org.mailpush.route.Router;
import org.mailpush.user.UserId;

/**
 * The three descriptions of the JSON forms agree: docs/protocol.md's examples are what the codec reads
 * and writes, field for field, and what the code writes and reads has the property names and enums of
 * the OpenAPI document's schemas.
 */
class ApiDocsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern FENCED_JSON = Pattern.compile("```json\\n(.*?)```", Pattern.DOTALL);
    // Tests run in the module's directory.
    private static final Path DOCS = Path.of("..", "docs");
    private static final Set<String> SERVER_TYPES = Set.of("welcome", "mail", "hint", "probe", "retract", "policy", "channels", "error");
    private static final Set<String> TERMINAL_TYPES = Set.of("hello", "state", "probe.reply", "ack", "flags", "policy.set", "policy.get",
            "channel.add", "channel.remove");

    private static JsonNode openApi() throws IOException {
        return JSON.readTree(ApiDocsTest.class.getResourceAsStream("/openapi.json"));
    }

    static Stream<Arguments> protocolExamples() throws IOException {
        Matcher block = FENCED_JSON.matcher(Files.readString(DOCS.resolve("protocol.md")));
        List<Arguments> examples = new ArrayList<>();
        while (block.find()) {
            try (var values = JSON.readerFor(JsonNode.class).<JsonNode>readValues(block.group(1))) {
                while (values.hasNext()) {
                    JsonNode example = elided(values.next());
                    examples.add(Arguments.of(example.path("type").asText() + " " + example, example));
                }
            }
        }
        return examples.stream();
    }

    /** The example with "…", which the docs write for a value cut short, taken out of every string. */
    private static JsonNode elided(JsonNode node) {
        if (node.isTextual()) {
            return TextNode.valueOf(node.asText().replace("…", ""));
        }
        if (node.isObject()) {
            ObjectNode copy = JSON.createObjectNode();
            node.properties().forEach(field -> copy.set(field.getKey(), elided(field.getValue())));
            return copy;
        }
        if (node.isArray()) {
            var copy = JSON.createArrayNode();
            node.forEach(element -> copy.add(elided(element)));
            return copy;
        }
        return node;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("protocolExamples")
    void everyExampleOfProtocolMdIsWhatTheCodecReadsAndWrites(String title, JsonNode example) throws IOException {
        String type = example.path("type").asText();
        JsonNode written;
        if (SERVER_TYPES.contains(type) || type.equals("flags") && example.has("seq")) {
            written = JSON.readTree(LinkJson.write(LinkJson.readServer(example.toString())));
        } else if (TERMINAL_TYPES.contains(type)) {
            written = JSON.readTree(LinkJson.write(LinkJson.readRequest(example.toString())));
        } else {
            // The device a terminal enrols itself as; the server adds the user it belongs to.
            ObjectNode device = DeviceJson.write(DeviceJson.read(example, new UserId("alice")));
            device.remove("user");
            written = device;
        }

        assertThat(differences("", example, written)).as("docs/protocol.md example against the codec's form").isEmpty();
    }

    /** Where two JSON values differ; numbers agree when their values do (20 and 20.0). */
    private static List<String> differences(String path, JsonNode documented, JsonNode written) {
        List<String> found = new ArrayList<>();
        if (documented.isNumber() && written.isNumber()) {
            if (documented.decimalValue().compareTo(written.decimalValue()) != 0) {
                found.add(path + ": documented " + documented + ", written " + written);
            }
        } else if (documented.isObject() && written.isObject()) {
            Set<String> names = new TreeSet<>();
            documented.fieldNames().forEachRemaining(names::add);
            written.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                if (!documented.has(name)) {
                    found.add(path + "/" + name + ": not documented, written " + written.get(name));
                } else if (!written.has(name)) {
                    found.add(path + "/" + name + ": documented " + documented.get(name) + ", not written");
                } else {
                    found.addAll(differences(path + "/" + name, documented.get(name), written.get(name)));
                }
            }
        } else if (documented.isArray() && written.isArray() && documented.size() == written.size()) {
            for (int i = 0; i < documented.size(); i++) {
                found.addAll(differences(path + "/" + i, documented.get(i), written.get(i)));
            }
        } else if (!documented.equals(written)) {
            found.add(path + ": documented " + documented + ", written " + written);
        }
        return found;
    }

    /** docs/web.md's table of the user API names every user route of the OpenAPI document, and no other. */
    @Test
    void webMdsRouteTableIsTheUserApiOfTheOpenApiDocument() throws IOException {
        Set<String> documented = new TreeSet<>();
        Matcher row = Pattern.compile("^\\| (`[A-Z].*?) \\| ", Pattern.MULTILINE).matcher(Files.readString(DOCS.resolve("web.md")));
        while (row.find()) {
            Matcher route = Pattern.compile("`([A-Z, ]+) (/api[^`?]*)(\\?[^`]*)?`").matcher(row.group(1));
            while (route.find()) {
                for (String method : route.group(1).split(",")) {
                    documented.add(method.strip() + " " + route.group(2));
                }
            }
        }
        Set<String> routes = new TreeSet<>();
        openApi().path("paths").properties().forEach(path -> path.getValue().properties().forEach(operation ->
                routes.add(operation.getKey().toUpperCase(java.util.Locale.ROOT) + " " + path.getKey())));
        // The admin API, the terminal link and the document itself are described elsewhere (web.md's prose, protocol.md).
        routes.removeIf(route -> Stream.of(" /api/admin", " /api/link", " /api/openapi.json", " /metrics", " /health")
                .anyMatch(route::contains));

        assertThat(documented).containsExactlyElementsOf(routes);
    }

    /** Each closed vocabulary of the OpenAPI document lists the words the code reads and writes, no more, no fewer. */
    @Test
    void everyEnumOfTheOpenApiDocumentIsTheCodesVocabulary() throws IOException {
        JsonNode schemas = openApi().path("components").path("schemas");
        List<String> receiving = Arrays.stream(DeviceType.values()).filter(DeviceType::receivesMail).map(DeviceType::word).toList();
        Map<String, List<String>> vocabularies = new LinkedHashMap<>();
        vocabularies.put("/Report/properties/power/enum", words(PowerState.values()));
        vocabularies.put("/Report/properties/proximity/enum", words(Proximity.values()));
        vocabularies.put("/Device/properties/type/enum", Arrays.stream(DeviceType.values()).map(DeviceType::word).toList());
        vocabularies.put("/DeviceState/allOf/1/properties/state/enum", words(UsageState.values()));
        vocabularies.put("/MailSummary/properties/importance/enum", Arrays.stream(Importance.values()).map(Importance::word).toList());
        vocabularies.put("/Policy/properties/others/enum", words(Policy.Others.values()));
        vocabularies.put("/Policy/properties/reporting/enum", words(ReportingMode.values()));
        vocabularies.put("/Policy/properties/escalation/properties/unless/enum", words(Escalation.Unless.values()));
        vocabularies.put("/Policy/properties/rules/items/properties/kind/enum", List.of("in-use", "prefer", "several", "nearest", "capability"));
        vocabularies.put("/Policy/properties/rules/items/properties/type/enum", receiving);
        vocabularies.put("/Policy/properties/rules/items/properties/types/items/enum", receiving);
        vocabularies.put("/Policy/properties/rules/items/properties/exclude/items/enum", receiving);
        vocabularies.put("/Policy/properties/rules/items/properties/choose/enum", words(Target.Choice.values()));
        vocabularies.put("/Policy/properties/rules/items/properties/when/properties/importance/enum",
                Arrays.stream(Importance.values()).map(Importance::word).toList());

        vocabularies.forEach((pointer, words) -> assertThat(strings(schemas.at(pointer))).as(pointer).containsExactlyInAnyOrderElementsOf(words));
    }

    private static List<String> words(Enum<?>[] constants) {
        return Arrays.stream(constants).map(c -> c.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-')).toList();
    }

    private static List<String> strings(JsonNode array) {
        List<String> strings = new ArrayList<>();
        array.forEach(element -> strings.add(element.asText()));
        return strings;
    }

    /** What the code writes for the routes' bodies validates against the schema the OpenAPI document names for it. */
    @Test
    void theCodesJsonFormsHaveTheSchemasPropertiesAndValues() throws IOException {
        JsonNode document = openApi();
        List<String> problems = new ArrayList<>();
        List<Scenario> scenarios = new ArrayList<>();
        try (Stream<Path> files = Files.list(DOCS.resolve("examples"))) {
            for (Path file : files.sorted().toList()) {
                scenarios.add(ScenarioJson.read(JSON.readTree(file.toFile())));
            }
        }
        Instant now = scenarios.getFirst().now();
        InMemoryReportStore reports = new InMemoryReportStore();
        TerminalStates states = new TerminalStates(reports, new PresenceInference(PresenceSettings.DEFAULTS), InstantSource.fixed(now),
                device -> Reachability.notConnectedSince(now.minusSeconds(90), List.of("Web Push")), TerminalStates.DEFAULT_STALE_AFTER);
        for (Scenario scenario : scenarios) {
            new Validator(document, problems).check("Policy", PolicyJson.write(scenario.policy()));
            new Validator(document, problems).check("MailSummary", SummaryJson.write(scenario.mail()));
            PushPlan plan = new Router(new PresenceInference(scenario.presence()))
                    .plan(scenario.user(), scenario.devices(), scenario.policy(), scenario.mail(), scenario.now());
            new Validator(document, problems).check("Plan", PlanJson.write(plan));
            for (DeviceSnapshot snapshot : scenario.devices()) {
                Device device = snapshot.device();
                new Validator(document, problems).check("Device", DeviceJson.write(device));
                snapshot.latestReport().ifPresent(report -> {
                    new Validator(document, problems).check("Report", ReportJson.write(report));
                    reports.record(device.id(), report);
                });
                new Validator(document, problems).check("DeviceState", states.describe(device));
            }
            StoredMail mail = new StoredMail(new MailId(7), scenario.user(), scenario.mail(), scenario.now(), MailFlags.NEW);
            new Validator(document, problems).check("MailExplained", MailJson.explained(mail,
                    List.of(new PlanStore.Decided(mail.id(), plan, scenario.now())),
                    List.of(new OutboxEntry(new DeviceId("laptop"), 3, new Payload.Full(mail.id()), now, Optional.of(now), Optional.empty(), 1,
                                    Optional.of("410 Gone")),
                            new OutboxEntry(new DeviceId("phone"), 4, new Payload.Hint(mail.id(), List.of(new DeviceId("laptop"))), now,
                                    Optional.of(now), Optional.of(now.plus(Duration.ofSeconds(2))), 1))));
        }

        assertThat(problems).isEmpty();
    }

    /** What the code reads in a request body validates against the schema too: every word, every field. */
    @Test
    void everyReportTheCodeReadsValidatesAgainstTheReportSchema() throws IOException {
        JsonNode document = openApi();
        List<String> problems = new ArrayList<>();
        for (String power : words(PowerState.values())) {
            for (String proximity : words(Proximity.values())) {
                ObjectNode report = (ObjectNode) JSON.readTree("""
                        {"at": "2026-11-26T10:00:00Z", "lastInput": "2026-11-26T09:59:48Z", "temperature": 34.2,
                         "location": {"lat": 52.5201, "lon": 13.4049, "accuracy": 20}}""");
                report.put("power", power).put("proximity", proximity);
                // The link's codec reads it; the API reads the same form.
                LinkJson.readTerminal("{\"type\": \"state\", \"report\": " + report + "}");
                new Validator(document, problems).check("Report", report);
            }
        }

        assertThat(problems).isEmpty();
    }

    /**
     * A small walker over OpenAPI 3.1 schemas: {@code $ref}, {@code allOf}, {@code type}, {@code enum},
     * {@code properties}, {@code required} and {@code items} — what the document uses. A property the
     * schema does not name is a problem: the document is meant to name every field the code writes.
     */
    private record Validator(JsonNode document, List<String> problems) {
        void check(String schema, JsonNode value) {
            check(schema, document.at("/components/schemas/" + schema), value);
        }

        private JsonNode resolved(JsonNode schema) {
            while (schema.has("$ref")) {
                schema = document.at(schema.get("$ref").asText().substring(1));
            }
            return schema;
        }

        /** The schema's properties, with those of every part of an allOf. */
        private Map<String, JsonNode> properties(JsonNode schema) {
            Map<String, JsonNode> properties = new LinkedHashMap<>();
            schema = resolved(schema);
            schema.path("allOf").forEach(part -> properties.putAll(properties(part)));
            schema.path("properties").properties().forEach(p -> properties.put(p.getKey(), p.getValue()));
            return properties;
        }

        private List<String> required(JsonNode schema) {
            List<String> required = new ArrayList<>();
            schema = resolved(schema);
            schema.path("allOf").forEach(part -> required.addAll(required(part)));
            schema.path("required").forEach(name -> required.add(name.asText()));
            return required;
        }

        private String type(JsonNode schema) {
            schema = resolved(schema);
            if (schema.has("type")) {
                return schema.get("type").asText();
            }
            for (JsonNode part : schema.path("allOf")) {
                String type = type(part);
                if (type != null) {
                    return type;
                }
            }
            return null;
        }

        private void check(String path, JsonNode schema, JsonNode value) {
            schema = resolved(schema);
            if (schema.isMissingNode()) {
                problems.add(path + ": no such schema");
                return;
            }
            String type = type(schema);
            boolean fits = switch (type == null ? "" : type) {
                case "object" -> value.isObject();
                case "array" -> value.isArray();
                case "string" -> value.isTextual();
                case "integer" -> value.isIntegralNumber();
                case "number" -> value.isNumber();
                case "boolean" -> value.isBoolean();
                default -> true;
            };
            if (!fits) {
                problems.add(path + ": " + value + " is not of type " + type);
                return;
            }
            if (schema.has("enum") && !strings(schema.get("enum")).contains(value.asText())) {
                problems.add(path + ": '" + value.asText() + "' is not one of " + strings(schema.get("enum")));
            }
            if (value.isObject()) {
                Map<String, JsonNode> properties = properties(schema);
                for (String name : required(schema)) {
                    if (!value.has(name)) {
                        problems.add(path + "." + name + ": required by the schema, not written");
                    }
                }
                for (Map.Entry<String, JsonNode> field : value.properties()) {
                    JsonNode property = properties.get(field.getKey());
                    if (property == null) {
                        problems.add(path + "." + field.getKey() + ": written, but the schema has no such property");
                    } else {
                        check(path + "." + field.getKey(), property, field.getValue());
                    }
                }
            }
            if (value.isArray() && schema.has("items")) {
                for (int i = 0; i < value.size(); i++) {
                    check(path + "[" + i + "]", schema.get("items"), value.get(i));
                }
            }
        }
    }
}
