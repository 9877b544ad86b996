package org.mailpush.route;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.mailpush.device.DeviceType;
import org.mailpush.mail.MailSummary;
import org.mailpush.policy.Target;
import org.mailpush.presence.UsageState;

/** Applies one rule's {@link Target} to the user's terminals. Candidates arrive sorted by id. */
final class Selector {
    private final List<Candidate> receivers;
    private final boolean passesOver;
    private final Optional<UserPosition> position;
    private final MailSummary mail;

    /**
     * @param reachableFirst pick among the reachable receivers only, when there is one; the others
     *                       still give the user's position
     */
    Selector(List<Candidate> candidates, MailSummary mail, boolean reachableFirst) {
        List<Candidate> all = filter(candidates, Candidate::receives);
        List<Candidate> reachable = filter(all, Candidate::reachable);
        this.receivers = reachableFirst && !reachable.isEmpty() ? reachable : all;
        this.passesOver = receivers.size() < all.size();
        this.position = UserPosition.of(candidates);
        this.mail = mail;
    }

    /** Whether some receiving terminal is left out as unreachable. */
    boolean passesOver() {
        return passesOver;
    }

    Selection select(Target target) {
        return switch (target) {
            case Target.InUse inUse -> Selection.of(mostClearlyInUse(receivers), "no device in use");
            case Target.PreferType prefer -> preferType(prefer.type());
            case Target.PreferDevice prefer -> preferDevice(prefer);
            case Target.Several several -> several(several);
            case Target.Nearest nearest -> nearest.exclude().isEmpty()
                    ? nearest(filter(receivers, Candidate::on), "no device that is on")
                    : nearest(filter(receivers, c -> c.on() && !nearest.excludes(c.device().type())),
                            "no device that is on and not a " + nearest.excluded());
            case Target.Capable capable -> capable(capable.choose());
        };
    }

    private Selection preferType(DeviceType type) {
        List<Candidate> ofType = filter(receivers, c -> c.device().type() == type);
        if (ofType.isEmpty()) {
            return Selection.nothing("no " + type.word());
        }
        List<Candidate> on = filter(ofType, Candidate::on);
        List<Candidate> inUse = inUse(on);
        return Selection.of(inUse.isEmpty() ? on : inUse, "no " + type.word() + " is on (" + states(ofType) + ")");
    }

    private Selection preferDevice(Target.PreferDevice prefer) {
        Optional<Candidate> device = receivers.stream().filter(c -> c.id().equals(prefer.device())).findFirst();
        if (device.isEmpty()) {
            return Selection.nothing("the user has no device " + prefer.device() + " that receives mail");
        }
        return Selection.of(filter(List.of(device.get()), Candidate::on), states(List.of(device.get())));
    }

    private Selection several(Target.Several several) {
        List<Candidate> pool = filter(receivers, c -> several.includes(c.device().type()));
        List<Candidate> picked = new ArrayList<>(filter(pool, Candidate::on));
        // Top up with the likeliest of the rest: they get the mail when they next connect (SPEC X1).
        pool.stream()
                .filter(c -> !c.on())
                .sorted(Candidate.LIKELIEST_FIRST)
                .limit(Math.max(0, several.atLeast() - picked.size()))
                .forEach(picked::add);
        picked.sort(Comparator.comparing(Candidate::id));
        return Selection.of(picked, "no device of those types");
    }

    private Selection nearest(List<Candidate> pool, String poolName) {
        if (position.isEmpty()) {
            return Selection.nothing("user position unknown (no device in use or locator reports a location)");
        }
        UserPosition from = position.get();
        // Each distance once (a comparator would work them out again for every comparison); ties go to the lower id.
        Candidate picked = null;
        double shortest = Double.POSITIVE_INFINITY;
        for (Candidate c : pool) {
            if (c.presence().location().isEmpty()) {
                continue;
            }
            double distance = from.distanceTo(c);
            if (picked == null || distance < shortest || (distance == shortest && c.id().compareTo(picked.id()) < 0)) {
                picked = c;
                shortest = distance;
            }
        }
        if (picked == null) {
            return Selection.nothing(poolName + " reports a location");
        }
        String note = metres(shortest) + " from the user (position from " + from.source() + ")";
        return new Selection(List.of(picked), List.of(), Map.of(picked, note), "");
    }

    private Selection capable(Target.Choice choose) {
        MailNeeds needs = new MailNeeds(mail);
        Map<Candidate, String> lacks = new HashMap<>();
        List<Candidate> capable = new ArrayList<>();
        for (Candidate c : receivers) {
            needs.lacking(c.device().capabilities()).ifPresentOrElse(why -> lacks.put(c, why), () -> capable.add(c));
        }
        if (lacks.isEmpty()) {
            return Selection.nothing("every device can show this mail");
        }
        if (capable.isEmpty()) {
            return Selection.nothing("no device can show this mail (" + needs.describe() + ")");
        }
        List<Candidate> on = filter(capable, Candidate::on);
        Selection chosen = switch (choose) {
            case IN_USE -> Selection.of(mostClearlyInUse(capable), "");
            case NEAREST -> nearest(on, "");
            case ALL -> Selection.of(on, "");
        };
        // Fail open among the capable (SPEC X2): those on, else those that may be on, else the likeliest.
        List<Candidate> mayBeOn = filter(capable, c -> c.on() || c.state() == UsageState.UNKNOWN);
        List<Candidate> full = chosen.picked() ? chosen.full()
                : !mayBeOn.isEmpty() ? mayBeOn
                : List.of(capable.stream().min(Candidate.LIKELIEST_FIRST).orElseThrow());
        List<Candidate> hinted = filter(receivers, c -> lacks.containsKey(c) && c.state() != UsageState.OFF);
        Map<Candidate, String> notes = new HashMap<>(chosen.notes());
        lacks.forEach(notes::put);
        return new Selection(full, hinted, notes, "");
    }

    private static List<Candidate> inUse(List<Candidate> candidates) {
        return filter(candidates, c -> c.state() == UsageState.IN_USE);
    }

    /** The one terminal the user is most clearly using (SPEC M1: "the terminal the user is using"). */
    private static List<Candidate> mostClearlyInUse(List<Candidate> candidates) {
        return inUse(candidates).stream().min(Candidate.MOST_CLEARLY_IN_USE).map(List::of).orElse(List.of());
    }

    /** The candidates that pass, in order. A loop, not a stream: a plan filters a dozen times. */
    private static List<Candidate> filter(List<Candidate> candidates, Predicate<Candidate> keep) {
        List<Candidate> kept = new ArrayList<>(candidates.size());
        for (Candidate c : candidates) {
            if (keep.test(c)) {
                kept.add(c);
            }
        }
        return kept;
    }

    private static String states(List<Candidate> candidates) {
        return String.join(", ", candidates.stream().map(c -> c.name() + " " + c.state().word()).toList());
    }

    private static String metres(double metres) {
        return metres < 1000
                ? Math.round(metres) + " m"
                : String.format(Locale.ROOT, "%.1f km", metres / 1000);
    }
}
