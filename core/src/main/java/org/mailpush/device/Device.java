package org.mailpush.device;

import java.util.List;
import java.util.Objects;
import org.mailpush.user.UserId;

/**
 * One terminal of one user.
 *
 * @param addresses where pushes can reach it, in order of preference; the live link is implied
 */
public record Device(
        DeviceId id, UserId owner, String name, DeviceType type, Capabilities capabilities, List<DeviceAddress> addresses) {

    public Device {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(capabilities, "capabilities");
        if (name == null || name.isBlank() || name.length() > 100) {
            throw new IllegalArgumentException("device name must be 1-100 characters, got '" + name + "'");
        }
        addresses = List.copyOf(addresses);
    }
}
