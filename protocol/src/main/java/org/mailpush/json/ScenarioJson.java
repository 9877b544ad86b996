package org.mailpush.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.mailpush.device.DeviceId;
import org.mailpush.mail.MailSummary;
import org.mailpush.policy.Policy;
import org.mailpush.presence.PresenceSettings;
import org.mailpush.presence.Reachability;
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
        JsonInput settings = input.object(Set.of("inputWindow", "bodyHeatLow", "bodyHeatHigh", "reportTtl", "linkGrace"));
        PresenceSettings defaults = PresenceSettings.DEFAULTS;
        Duration window = settings.optional("inputWindow").map(JsonInput::duration).orElse(defaults.inputWindow());
        Temperature low = settings.optional("bodyHeatLow").map(t -> t.as(in -> new Temperature(in.number())))
                .orElse(defaults.bodyHeatLow());
        Temperature high = settings.optional("bodyHeatHigh").map(t -> t.as(in -> new Temperature(in.number())))
                .orElse(defaults.bodyHeatHigh());
        Duration ttl = settings.optional("reportTtl").map(JsonInput::duration).orElse(defaults.reportTtl());
        Duration grace = settings.optional("linkGrace").map(JsonInput::duration).orElse(defaults.linkGrace());
        return settings.as(in -> new PresenceSettings(window, low, high, ttl, grace));
    }

    static DeviceSnapshot snapshot(JsonInput input, UserId owner) {
        var fields = new HashSet<>(DeviceJson.fields());
        fields.addAll(List.of("report", "link"));
        JsonInput device = input.object(fields);
        return new DeviceSnapshot(DeviceJson.read(device, owner), device.optional("report").map(ReportJson::read),
                device.optional("link").map(ScenarioJson::link).orElse(Reachability.UNKNOWN));
    }

    /** {@code {"connected": true}} or {@code {"connected": false, "since": "..."}}, with optional {@code "pushChannels"}. */
    private static Reachability link(JsonInput input) {
        JsonInput link = input.object(Set.of("connected", "since", "pushChannels"));
        List<String> channels = link.optional("pushChannels")
                .map(array -> array.elements().stream().map(JsonInput::text).toList()).orElse(List.of());
        if (link.field("connected").bool()) {
            return Reachability.connected(channels);
        }
        return Reachability.notConnectedSince(link.field("since").instant(), channels);
    }
}
