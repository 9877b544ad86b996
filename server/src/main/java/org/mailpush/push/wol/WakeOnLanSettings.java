package org.mailpush.push.wol;

import java.net.InetAddress;
import java.util.Objects;

/**
 * Where magic packets go (docs/configuration.md, {@code wake.*}).
 *
 * @param broadcast the broadcast address of the machines' network: 255.255.255.255 (this network), or
 *                  a directed broadcast such as 192.168.1.255
 * @param port      the UDP port, 9 by custom (7 and 0 are also seen); the card ignores it
 * @param repeats   how many times each packet is sent, as UDP may lose one
 */
public record WakeOnLanSettings(InetAddress broadcast, int port, int repeats) {
    public static final int DEFAULT_PORT = 9;
    public static final int DEFAULT_REPEATS = 3;

    public WakeOnLanSettings {
        Objects.requireNonNull(broadcast, "broadcast");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("a Wake-on-LAN port is 1 to 65535, got " + port);
        }
        if (repeats < 1 || repeats > 10) {
            throw new IllegalArgumentException("a magic packet is sent 1 to 10 times, got " + repeats);
        }
    }
}
