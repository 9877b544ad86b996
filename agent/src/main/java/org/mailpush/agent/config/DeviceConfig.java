package org.mailpush.agent.config;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.mailpush.device.Capabilities;
import org.mailpush.device.DeviceAddress;
import org.mailpush.device.DeviceId;
import org.mailpush.device.DeviceType;

/**
 * What this terminal is, as it enrols: its id and name, its type, what it can show (SPEC T1 device
 * attributes) and where else a push can reach it (a MAC address for Wake-on-LAN).
 */
public record DeviceConfig(Optional<DeviceId> id, Optional<String> name, DeviceType type, Capabilities capabilities,
        List<DeviceAddress> addresses) {
    public DeviceConfig {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(capabilities, "capabilities");
        addresses = List.copyOf(addresses);
    }
}
