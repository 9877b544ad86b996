package org.mailpush.route;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.mailpush.device.DeviceAddress;
import org.mailpush.device.DeviceId;
import org.mailpush.presence.UsageState;

/**
 * The part of a plan for one terminal.
 *
 * @param address  where to push: empty for {@link PushAction#NONE}
 * @param state    the usage state the decision was based on
 * @param reason   one line for people: "laptop: input 12 s ago; rule 2 'prefer laptop if on'"
 * @param pushedTo for a hint, the terminals that got the mail
 */
public record PushTarget(
        DeviceId device,
        String deviceName,
        PushAction action,
        Optional<DeviceAddress> address,
        UsageState state,
        String reason,
        List<DeviceId> pushedTo) {

    public PushTarget {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(deviceName, "deviceName");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(reason, "reason");
        pushedTo = List.copyOf(pushedTo);
        if ((action == PushAction.NONE) != address.isEmpty()) {
            throw new IllegalArgumentException("a " + action + " target " + (address.isEmpty() ? "needs" : "takes no") + " address");
        }
    }
}
