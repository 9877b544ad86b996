package org.mailpush.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.mailpush.device.Capabilities;
import org.mailpush.device.Device;
import org.mailpush.device.DeviceAddress;
import org.mailpush.device.DeviceId;
import org.mailpush.device.DeviceType;
import org.mailpush.mail.MailSummary;
import org.mailpush.policy.Policy;
import org.mailpush.presence.PresenceSettings;
import org.mailpush.presence.Temperature;
import org.mailpush.route.DeviceSnapshot;
import org.mailpush.user.UserId;

/**
 * The JSON form of a scenario (current time, presence settings, policy, devices with their latest
 * reports, mail), as documented in {@code docs/policy.md}. Devices, reports and mail summaries use
 * the same JSON forms as the HTTP API.
 */
public final class ScenarioJson {
    private ScenarioJson() {}

    public static Scenario read(JsonNode document) {
        JsonInput scenario = new JsonInput(document, "").object(Set.of("now", "user", "presence", "policy", "devices", "mail"));
        Instant now = scenario.field("now").instant();
        UserId user = scenario.optional("user").map(u -> u.as(in -> new UserId(in.text()))).orElse(new UserId("user"));
        PresenceSettings presence = scenario.optional("presence").map(ScenarioJson::presence).orElse(PresenceSettings.DEFAULTS);
        Policy policy = scenario.optional("policy").map(PolicyJson::read).orElse(Policy.FAIL_OPEN_ONLY);
        List<DeviceSnapshot> devices = new ArrayList<>();
        Set<DeviceId> ids = new HashSet<>();
        for (JsonInput element : scenario.field("devices").elements()) {
            DeviceSnapshot snapshot = snapshot(element, user);
            if (!ids.add(snapshot.device().id())) {
                throw element.field("id").invalid("device id '" + snapshot.device().id() + "' appears twice");
            }
            devices.add(snapshot);
        }
        MailSummary mail = SummaryJson.read(scenario.field("mail"));
        return new Scenario(now, user, presence, policy, devices, mail);
    }

    static PresenceSettings presence(JsonInput input) {
        JsonInput settings = input.object(Set.of("inputWindow", "bodyHeatLow", "bodyHeatHigh", "reportTtl"));
        PresenceSettings defaults = PresenceSettings.DEFAULTS;
        Duration window = settings.optional("inputWindow").map(JsonInput::duration).orElse(defaults.inputWindow());
        Temperature low = settings.optional("bodyHeatLow").map(t -> t.as(in -> new Temperature(in.number())))
                .orElse(defaults.bodyHeatLow());
        Temperature high = settings.optional("bodyHeatHigh").map(t -> t.as(in -> new Temperature(in.number())))
                .orElse(defaults.bodyHeatHigh());
        Duration ttl = settings.optional("reportTtl").map(JsonInput::duration).orElse(defaults.reportTtl());
        return settings.as(in -> new PresenceSettings(window, low, high, ttl));
    }

    static DeviceSnapshot snapshot(JsonInput input, UserId owner) {
        JsonInput device = input.object(Set.of("id", "name", "type", "capabilities", "addresses", "report"));
        DeviceId id = device.field("id").as(in -> new DeviceId(in.text()));
        DeviceType type = device.field("type").word(DeviceType.class, DeviceType::word);
        String name = device.optional("name").map(JsonInput::text).orElse(id.value());
        Capabilities capabilities = device.optional("capabilities").map(ScenarioJson::capabilities).orElse(Capabilities.FULL);
        List<DeviceAddress> addresses = device.optional("addresses")
                .map(list -> list.elements().stream().map(a -> a.as(in -> DeviceAddress.parse(in.text()))).toList())
                .orElse(List.of());
        Device built = device.as(in -> new Device(id, owner, name, type, capabilities, addresses));
        return new DeviceSnapshot(built, device.optional("report").map(ReportJson::read));
    }

    static Capabilities capabilities(JsonInput input) {
        JsonInput caps = input.object(Set.of("pictures", "colour", "maxMailBytes", "attachmentTypes"));
        boolean pictures = caps.optional("pictures").map(JsonInput::bool).orElse(true);
        boolean colour = caps.optional("colour").map(JsonInput::bool).orElse(true);
        long max = caps.optional("maxMailBytes").map(n -> n.integer(1, Long.MAX_VALUE)).orElse(Capabilities.UNLIMITED);
        List<String> types = caps.optional("attachmentTypes")
                .map(list -> list.elements().stream().map(JsonInput::text).toList())
                .orElse(List.of("*/*"));
        return caps.as(in -> new Capabilities(pictures, colour, max, Set.copyOf(types)));
    }
}
