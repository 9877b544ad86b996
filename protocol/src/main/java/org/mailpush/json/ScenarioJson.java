package org.mailpush.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.mailpush.device.Capabilities;
import org.mailpush.device.Device;
import org.mailpush.device.DeviceAddress;
import org.mailpush.device.DeviceId;
import org.mailpush.device.DeviceType;
import org.mailpush.mail.Importance;
import org.mailpush.mail.MailSummary;
import org.mailpush.policy.Policy;
import org.mailpush.presence.Location;
import org.mailpush.presence.PowerState;
import org.mailpush.presence.PresenceSettings;
import org.mailpush.presence.Proximity;
import org.mailpush.presence.Temperature;
import org.mailpush.presence.UsageReport;
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
        MailSummary mail = mail(scenario.field("mail"));
        return new Scenario(now, user, presence, policy, devices, mail);
    }

    static PresenceSettings presence(JsonInput input) {
        JsonInput settings = input.object(Set.of("inputWindow", "bodyHeatLow", "bodyHeatHigh", "reportTtl"));
        PresenceSettings defaults = PresenceSettings.DEFAULTS;
        Duration window = settings.optional("inputWindow").map(JsonInput::duration).orElse(defaults.inputWindow());
        Temperature low = settings.optional("bodyHeatLow").map(ScenarioJson::temperature).orElse(defaults.bodyHeatLow());
        Temperature high = settings.optional("bodyHeatHigh").map(ScenarioJson::temperature).orElse(defaults.bodyHeatHigh());
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
        return new DeviceSnapshot(built, device.optional("report").map(ScenarioJson::report));
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

    static UsageReport report(JsonInput input) {
        JsonInput report = input.object(Set.of("at", "power", "lastInput", "proximity", "temperature", "location"));
        Instant at = report.field("at").instant();
        PowerState power = report.field("power").word(PowerState.class, PolicyJson::word);
        Optional<Instant> lastInput = report.optional("lastInput").map(JsonInput::instant);
        Proximity proximity = report.optional("proximity").map(p -> p.word(Proximity.class, PolicyJson::word))
                .orElse(Proximity.NOT_SENSED);
        Optional<Temperature> temperature = report.optional("temperature").map(ScenarioJson::temperature);
        Optional<Location> location = report.optional("location").map(ScenarioJson::location);
        return new UsageReport(at, power, lastInput, proximity, temperature, location);
    }

    private static Temperature temperature(JsonInput input) {
        return input.as(in -> new Temperature(in.number()));
    }

    static Location location(JsonInput input) {
        JsonInput location = input.object(Set.of("lat", "lon", "accuracy"));
        double lat = location.field("lat").number();
        double lon = location.field("lon").number();
        double accuracy = location.optional("accuracy").map(JsonInput::number).orElse(0.0);
        return location.as(in -> new Location(lat, lon, accuracy));
    }

    static MailSummary mail(JsonInput input) {
        JsonInput mail = input.object(Set.of("from", "subject", "size", "pictures", "attachmentTypes", "importance", "preview"));
        String from = mail.optional("from").map(JsonInput::text).orElse("");
        String subject = mail.optional("subject").map(JsonInput::text).orElse("");
        long size = mail.optional("size").map(n -> n.integer(0, Long.MAX_VALUE)).orElse(0L);
        int pictures = (int) (long) mail.optional("pictures").map(n -> n.integer(0, 100_000)).orElse(0L);
        List<String> types = mail.optional("attachmentTypes")
                .map(list -> list.elements().stream().map(JsonInput::text).toList())
                .orElse(List.of());
        Importance importance = mail.optional("importance").map(i -> i.word(Importance.class, Importance::word))
                .orElse(Importance.NORMAL);
        String preview = mail.optional("preview").map(JsonInput::text).orElse("");
        return mail.as(in -> new MailSummary(from, subject, size, pictures, types, importance, preview));
    }
}
