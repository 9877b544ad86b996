package org.mailpush.route;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.mailpush.device.DeviceType;
import org.mailpush.presence.Location;
import org.mailpush.presence.UsageState;

/**
 * Where the user is, for "nearest": the freshest location reported by a terminal the user is using or
 * carrying, or by a {@link DeviceType#LOCATOR} (badge, watch) that is not switched off.
 *
 * @param source the name of the terminal the position comes from
 */
record UserPosition(Location location, String source) {

    static Optional<UserPosition> of(List<Candidate> candidates) {
        return candidates.stream()
                .filter(c -> c.presence().location().isPresent())
                .filter(c -> (c.device().type() == DeviceType.LOCATOR && c.state() != UsageState.OFF)
                        || c.state() == UsageState.IN_USE)
                .min(Comparator.comparing((Candidate c) -> c.presence().reportAge().orElseThrow())
                        .thenComparing(Candidate::id))
                .map(c -> new UserPosition(c.presence().location().orElseThrow(), c.name()));
    }

    double distanceTo(Candidate candidate) {
        return location.distanceMetres(candidate.presence().location().orElseThrow());
    }
}
