package org.mailpush.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import org.mailpush.device.Device;
import org.mailpush.device.DeviceId;
import org.mailpush.device.DeviceType;
import org.mailpush.json.DeviceJson;
import org.mailpush.json.ReportJson;
import org.mailpush.presence.Evidence;
import org.mailpush.presence.Presence;
import org.mailpush.presence.PresenceInference;
import org.mailpush.presence.Reachability;
import org.mailpush.presence.ReportStore;
import org.mailpush.presence.UsageReport;
import org.mailpush.route.DeviceSnapshot;

/**
 * What the server believes about each terminal right now: its latest report, the usage state inferred
 * from it with the evidence (SPEC T1–T3), and how it can be reached: its link and push channels.
 */
public final class TerminalStates {
    /** A browser unseen this long counts as stale: a tab closed for good, or a profile gone (default 30 days). */
    public static final Duration DEFAULT_STALE_AFTER = Duration.ofDays(30);

    private final ReportStore reports;
    private final PresenceInference inference;
    private final InstantSource clock;
    private final Function<DeviceId, Reachability> reachability;
    private final Duration staleAfter;

    /** @param staleAfter a browser whose last report is older than this, and not connected, is listed as stale */
    public TerminalStates(ReportStore reports, PresenceInference inference, InstantSource clock,
            Function<DeviceId, Reachability> reachability, Duration staleAfter) {
        this.reports = reports;
        this.inference = inference;
        this.clock = clock;
        this.reachability = reachability;
        this.staleAfter = staleAfter;
    }

    Instant now() {
        return clock.instant();
    }

    /** The devices with their latest reports and reachability, as the router takes them. */
    List<DeviceSnapshot> snapshots(List<Device> devices) {
        return devices.stream().map(d -> new DeviceSnapshot(d, reports.latest(d.id()), reachability.apply(d.id()))).toList();
    }

    /**
     * The device as JSON with {@code state} ("in-use", "idle", "asleep", "off", "unknown"), {@code evidence}
     * (phrases such as "input 12 s ago", "not connected for 3 min and no working push channel"), {@code reportAge}
     * in seconds, the latest {@code report}, {@code connected}, {@code notConnectedFor} in seconds when
     * not, {@code reachable}, and {@code stale} for a browser not seen for the stale time.
     */
    ObjectNode describe(Device device) {
        ObjectNode json = DeviceJson.write(device);
        Optional<UsageReport> latest = reports.latest(device.id());
        Instant now = clock.instant();
        Reachability reach = reachability.apply(device.id());
        Presence presence = inference.infer(latest, reach, now);
        json.put("state", presence.state().name().toLowerCase(Locale.ROOT).replace('_', '-'));
        ArrayNode evidence = json.putArray("evidence");
        presence.evidence().stream().map(Evidence::describe).forEach(evidence::add);
        presence.reportAge().ifPresent(age -> json.put("reportAge", age.toSeconds()));
        latest.ifPresent(report -> json.set("report", ReportJson.write(report)));
        json.put("connected", reach.link() instanceof Reachability.Link.Connected);
        if (reach.link() instanceof Reachability.Link.NotConnected lost) {
            json.put("notConnectedFor", Math.max(0, Duration.between(lost.since(), now).toSeconds()));
        }
        json.put("reachable", presence.reachable());
        boolean unseen = latest.map(report -> report.reportedAt().isBefore(now.minus(staleAfter))).orElse(false);
        json.put("stale", device.type() == DeviceType.BROWSER && unseen && !(reach.link() instanceof Reachability.Link.Connected));
        return json;
    }
}
