package org.mailpush.bench.routing;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.mailpush.device.Capabilities;
import org.mailpush.device.Device;
import org.mailpush.device.DeviceAddress;
import org.mailpush.device.DeviceId;
import org.mailpush.device.DeviceType;
import org.mailpush.json.PolicyJson;
import org.mailpush.mail.Importance;
import org.mailpush.mail.MailSummary;
import org.mailpush.policy.Policy;
import org.mailpush.presence.Location;
import org.mailpush.presence.PowerState;
import org.mailpush.presence.Proximity;
import org.mailpush.presence.Temperature;
import org.mailpush.presence.UsageReport;
import org.mailpush.route.DeviceSnapshot;
import org.mailpush.user.UserId;

/**
 * What the router is given in the benchmark: the five-rule policy of docs/policy.md, a mail with a
 * photo, and a user with N terminals — phones, a laptop, a desktop, tablets; the second phone and
 * every third after it monochrome, so that from 5 terminals on the capability rule decides and hints
 * go out (SPEC M2); one terminal in use, the others idle or asleep, at different distances.
 */
public record RoutingScenario(UserId user, List<DeviceSnapshot> devices, Policy policy, MailSummary mail, Instant now) {
    static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");
    private static final String POLICY = """
            { "zone": "Europe/Berlin", "others": "hint", "rules": [
                { "name": "laptop primary until 18:00", "kind": "prefer", "type": "laptop", "until": "2026-11-25T18:00:00+01:00" },
                { "kind": "capability", "choose": "nearest" },
                { "kind": "several", "types": ["phone", "laptop"], "atLeast": 2,
                  "when": { "senders": ["boss@example.com", "@family.example"], "importance": "high" } },
                { "kind": "in-use" },
                { "kind": "nearest" } ] }""";
    private static final DeviceType[] TYPES = {DeviceType.PHONE, DeviceType.LAPTOP, DeviceType.DESKTOP, DeviceType.TABLET, DeviceType.PHONE};

    public static RoutingScenario of(int terminals) {
        var user = new UserId("alice");
        List<DeviceSnapshot> devices = new ArrayList<>();
        int phones = 0;
        for (int i = 0; i < terminals; i++) {
            DeviceType type = TYPES[i % TYPES.length];
            boolean mono = type == DeviceType.PHONE && phones++ % 3 == 1;
            var capabilities = mono ? new Capabilities(false, false, 65_536, Set.of("text/plain")) : Capabilities.FULL;
            var device = new Device(new DeviceId("d" + i), user, type.word() + " " + i, type, capabilities,
                    List.of(DeviceAddress.parse(type == DeviceType.PHONE ? "tel:+49151000000" + i % 10 : "ip:10.0.0." + (i + 1))));
            devices.add(new DeviceSnapshot(device, Optional.of(report(i))));
        }
        Policy policy;
        try {
            policy = PolicyJson.read(new ObjectMapper().readTree(POLICY), "policy");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        var mail = new MailSummary("carol@example.org", "Holiday photo", 1_843_200, 1, List.of("image/jpeg"), Importance.NORMAL,
                "Look at this!");
        return new RoutingScenario(user, devices, policy, mail, NOW);
    }

    /** Terminal 0 in use; the others idle, some asleep or off, each a little further away. */
    private static UsageReport report(int i) {
        var location = new Location(48.8566 + i * 0.001, 2.3522 + i * 0.001, 10);
        UsageReport report = UsageReport.on(NOW.minusSeconds(30 + i)).withLocation(location);
        return switch (i % 4) {
            case 0 -> i == 0 ? report.withLastInput(NOW.minusSeconds(12)).withTemperature(new Temperature(34.2))
                    : report.withProximity(Proximity.AWAY);
            case 1 -> report.withLastInput(NOW.minusSeconds(1200));
            case 2 -> report.withPower(PowerState.ASLEEP);
            default -> report.withTemperature(new Temperature(21.0));
        };
    }
}
