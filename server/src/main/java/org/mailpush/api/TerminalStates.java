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
import org.mailpush.device.PushChannels;
import org.mailpush.json.DeviceJson;
import org.mailpush.json.ReportJson;
import org.mailpush.presence.Evidence;
import org.mailpush.presence.Presence;
import org.mailpush.presence.PresenceInference;
import org.mailpush.presence.Reachability;
import org.mailpush.presence.ReportStore;
import org.mailpush.presence.UsageReport;
import org.mailpush.presence.UsageState;
import org.mailpush.route.DeviceSnapshot;

/**
 * What the server believes about each terminal right now: its latest report, the usage state inferred
 * from it with the evidence (SPEC T1–T3), and how it can be reached: its link and push channels.
 */
public final class TerminalStates {
    /** A browser unseen this long counts as stale: a tab closed for good, or a profile gone (default 30 days). */
    public static final Duration DEFAULT_STALE_AFTER = Duration.ofDays(30);
    /** The span of one slot of a device's state history. */
    static final Duration HISTORY_SLOT = Duration.ofMinutes(10);
    private static final int SLOTS_PER_HOUR = 6;

    private final ReportStore reports;
    private final PresenceInference inference;
    private final InstantSource clock;
    private final Function<DeviceId, Reachability> reachability;
    private final Duration staleAfter;
    private final Function<DeviceId, List<PushChannels.Listed>> channels;

    /** Terminals shown without their push channels. */
    public TerminalStates(ReportStore reports, PresenceInference inference, InstantSource clock,
            Function<DeviceId, Reachability> reachability, Duration staleAfter) {
        this(reports, inference, clock, reachability, staleAfter, device -> List.of());
    }

    /**
     * @param staleAfter a browser whose last report is older than this, and not connected, is listed as stale
     * @param channels   a device's push channels with their last outcomes
     */
    public TerminalStates(ReportStore reports, PresenceInference inference, InstantSource clock,
            Function<DeviceId, Reachability> reachability, Duration staleAfter, Function<DeviceId, List<PushChannels.Listed>> channels) {
        this.reports = reports;
        this.inference = inference;
        this.clock = clock;
        this.reachability = reachability;
        this.staleAfter = staleAfter;
        this.channels = channels;
    }

    Instant now() {
        return clock.instant();
    }

    /**
     * The device's states over the last {@code hours} in slots of {@link #HISTORY_SLOT}, oldest first, inferred
     * from its reports as the server would have at the time: {@code {"device", "from", "to", "slotSeconds",
     * "slots": [{"from", "state"}]}}, each state one of "in-use", "idle", "asleep", "off", "unknown" (no
     * report, or too old). The last slot ends now.
     */
    ObjectNode history(Device device, int hours) {
        Instant now = clock.instant();
        Instant from = now.minus(HISTORY_SLOT.multipliedBy(hours * SLOTS_PER_HOUR));
        List<UsageState> states = inference.history(reports.history(device.id(), from), from, HISTORY_SLOT, hours * SLOTS_PER_HOUR);
        ObjectNode json = Json.object();
        json.put("device", device.id().value());
        json.put("from", from.toString());
        json.put("to", now.toString());
        json.put("slotSeconds", HISTORY_SLOT.toSeconds());
        ArrayNode slots = json.putArray("slots");
        for (int i = 0; i < states.size(); i++) {
            slots.addObject().put("from", from.plus(HISTORY_SLOT.multipliedBy(i)).toString()).put("state", word(states.get(i)));
        }
        return json;
    }

    private static String word(UsageState state) {
        return state.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The devices with their latest reports and reachability, as the router takes them. */
    List<DeviceSnapshot> snapshots(List<Device> devices) {
        return devices.stream().map(d -> new DeviceSnapshot(d, reports.latest(d.id()), reachability.apply(d.id()))).toList();
    }

    /**
     * The device as JSON with {@code state} ("in-use", "idle", "asleep", "off", "unknown"), {@code evidence}
     * (phrases such as "input 12 s ago", "not connected for 3 min and no working push channel"), {@code reportAge}
     * in seconds, the latest {@code report}, {@code connected}, {@code notConnectedFor} in seconds when
     * not, {@code reachable}, {@code stale} for a browser not seen for the stale time, and its push {@code channels}
     * with their last success and failure.
     */
    ObjectNode describe(Device device) {
        ObjectNode json = DeviceJson.write(device);
        Optional<UsageReport> latest = reports.latest(device.id());
        Instant now = clock.instant();
        Reachability reach = reachability.apply(device.id());
        Presence presence = inference.infer(latest, reach, now);
        json.put("state", word(presence.state()));
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
        ArrayNode pushChannels = json.putArray("channels");
        channels.apply(device.id()).stream().map(PushChannelApi::describe).forEach(pushChannels::add);
        return json;
    }
}
