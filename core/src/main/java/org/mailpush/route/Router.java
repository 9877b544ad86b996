package org.mailpush.route;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;
import org.mailpush.device.DeviceAddress;
import org.mailpush.device.DeviceId;
import org.mailpush.mail.MailSummary;
import org.mailpush.policy.Policy;
import org.mailpush.policy.Rule;
import org.mailpush.presence.PresenceInference;
import org.mailpush.presence.UsageState;
import org.mailpush.user.UserId;

/**
 * Decides which of a user's terminals get a mail (SPEC S3, M1–M4, X2, X4).
 *
 * <p>The policy's rules are tried in order; an expired rule or one whose condition fails is passed
 * over; the first rule that picks at least one terminal decides. When none does, the fail-open
 * fallback sends the mail to every receiving terminal that is on or whose state is unknown, and when
 * there is none such, to every receiving terminal: a mail never goes nowhere while some terminal can
 * receive it. The result depends only on the arguments.
 *
 * <p>A terminal that cannot be reached now (its link lost past the grace, no push channel) is passed
 * over by every rule while a reachable terminal receives mail, and the trail says so; fail-open then
 * prefers the reachable. With none reachable, the rules and fail-open see every terminal as before,
 * and the mail waits on the link for those it picks.
 */
public final class Router {
    private final PresenceInference presence;

    public Router(PresenceInference presence) {
        this.presence = presence;
    }

    /**
     * @throws IllegalArgumentException if a device belongs to another user or two share an id
     */
    public PushPlan plan(UserId user, List<DeviceSnapshot> devices, Policy policy, MailSummary mail, Instant now) {
        List<Candidate> candidates = candidates(user, devices, now);
        Selector selector = new Selector(candidates, mail, true);
        Selector unbounded = selector.passesOver() ? new Selector(candidates, mail, false) : selector;
        ZonedDateTime local = now.atZone(policy.zone());
        List<String> trail = new ArrayList<>();
        for (int i = 0; i < policy.rules().size(); i++) {
            Rule rule = policy.rules().get(i);
            var decision = new Decision.ByRule(i + 1, rule.name());
            if (rule.expiredAt(now)) {
                trail.add(decision.describe() + ": expired at " + rule.until().orElseThrow().atZone(policy.zone()).toOffsetDateTime());
                continue;
            }
            if (!rule.when().matches(mail, local)) {
                trail.add(decision.describe() + ": condition not met");
                continue;
            }
            Selection selection = selector.select(rule.target());
            if (selection.picked()) {
                trail.add(decision.describe() + ": picked " + names(selection.full()));
                return assemble(user, candidates, selection, decision, policy.others(), trail);
            }
            trail.add(decision.describe() + ": " + unreachable(unbounded.select(rule.target())).orElse(selection.why()));
        }
        return failOpen(user, candidates, trail);
    }

    /** What a selection that saw the unreachable terminals too would have picked of them, as the reason they were not. */
    private static Optional<String> unreachable(Selection unbounded) {
        List<Candidate> passedOver = unbounded.full().stream().filter(c -> !c.reachable()).toList();
        if (passedOver.isEmpty()) {
            return Optional.empty();
        }
        var reasons = new StringJoiner("; ");
        passedOver.forEach(c -> reasons.add(c.name() + ": " + c.presence().describe()));
        return Optional.of(reasons + "; passed over, unreachable");
    }

    private List<Candidate> candidates(UserId user, List<DeviceSnapshot> devices, Instant now) {
        Set<DeviceId> seen = new HashSet<>();
        List<Candidate> candidates = new ArrayList<>(devices.size());
        for (DeviceSnapshot snapshot : devices) {
            var device = snapshot.device();
            if (!device.owner().equals(user)) {
                throw new IllegalArgumentException("device " + device.id() + " belongs to " + device.owner() + ", not to " + user);
            }
            if (!seen.add(device.id())) {
                throw new IllegalArgumentException("device id " + device.id() + " appears twice");
            }
            candidates.add(new Candidate(device, presence.infer(snapshot.latestReport(), snapshot.reachability(), now)));
        }
        candidates.sort(Comparator.comparing(Candidate::id));
        return candidates;
    }

    private PushPlan failOpen(UserId user, List<Candidate> candidates, List<String> trail) {
        List<Candidate> receivers = candidates.stream().filter(Candidate::receives).toList();
        if (receivers.isEmpty()) {
            Decision none = new Decision.NoReceiver();
            List<PushTarget> targets = candidates.stream().map(c -> nothing(c, none.describe())).toList();
            return new PushPlan(user, none, targets, trail);
        }
        List<Candidate> maybeOn = receivers.stream().filter(c -> c.on() || c.state() == UsageState.UNKNOWN).toList();
        List<Candidate> reachable = maybeOn.stream().filter(Candidate::reachable).toList();
        var selection = Selection.of(!reachable.isEmpty() ? reachable : !maybeOn.isEmpty() ? maybeOn : receivers, "");
        return assemble(user, candidates, selection, new Decision.FailOpen(), Policy.Others.NOTHING, trail);
    }

    private static PushPlan assemble(
            UserId user, List<Candidate> candidates, Selection selection, Decision decision, Policy.Others others, List<String> trail) {
        List<DeviceId> full = selection.full().stream().map(Candidate::id).toList();
        String fullNames = names(selection.full());
        String because = decision.describe();
        List<PushTarget> targets = new ArrayList<>(candidates.size());
        for (Candidate c : candidates) {
            String evidence = c.name() + ": " + c.presence().describe()
                    + Optional.ofNullable(selection.notes().get(c)).map(note -> ", " + note).orElse("");
            if (selection.full().contains(c)) {
                targets.add(new PushTarget(c.id(), c.name(), PushAction.FULL, Optional.of(address(c, PushAction.FULL)), c.state(),
                        evidence + "; " + because, List.of()));
            } else if (!c.receives()) {
                targets.add(nothing(c, c.device().type().word() + ", receives no mail"));
            } else if (c.state() != UsageState.OFF
                    && (selection.hinted().contains(c) || others == Policy.Others.HINT)) {
                targets.add(new PushTarget(c.id(), c.name(), PushAction.HINT, Optional.of(address(c, PushAction.HINT)), c.state(),
                        evidence + "; hint: mail went to " + fullNames + "; " + because, full));
            } else {
                String notPicked = decision instanceof Decision.ByRule ? "; not picked by " + because : "; not picked (" + because + ")";
                targets.add(nothing(c, evidence + notPicked));
            }
        }
        return new PushPlan(user, decision, targets, trail);
    }

    private static PushTarget nothing(Candidate c, String reason) {
        String line = reason.startsWith(c.name() + ":") ? reason : c.name() + ": " + reason;
        return new PushTarget(c.id(), c.name(), PushAction.NONE, Optional.empty(), c.state(), line, List.of());
    }

    /**
     * The first address the device lists that can carry a push; a MAC address only wakes a machine,
     * so it is used for the mail — never for a mere hint — when the terminal is asleep or off
     * (Wake-on-LAN, SPEC M6). A device without a usable address is reached over its live link.
     */
    private static DeviceAddress address(Candidate c, PushAction action) {
        List<DeviceAddress> addresses = c.device().addresses();
        boolean wake = action == PushAction.FULL && (c.state() == UsageState.ASLEEP || c.state() == UsageState.OFF);
        // Loops, not streams: this runs for every target of every plan.
        if (wake) {
            for (DeviceAddress a : addresses) {
                if (a instanceof DeviceAddress.MacAddress) {
                    return a;
                }
            }
        }
        for (DeviceAddress a : addresses) {
            if (!(a instanceof DeviceAddress.MacAddress)) {
                return a;
            }
        }
        return new DeviceAddress.Link();
    }

    private static String names(List<Candidate> candidates) {
        var names = new StringJoiner(", ");
        candidates.forEach(c -> names.add(c.name()));
        return names.toString();
    }
}
