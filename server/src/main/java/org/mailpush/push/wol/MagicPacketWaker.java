package org.mailpush.push.wol;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import org.mailpush.device.DeviceAddress;
import org.mailpush.push.Waker;

/**
 * Wakes a machine with a magic packet sent by UDP to the configured broadcast address, a few times
 * over, from a fresh socket each time: a wake is rare, and a socket held open would gain nothing.
 */
public final class MagicPacketWaker implements Waker {
    private final WakeOnLanSettings settings;

    public MagicPacketWaker(WakeOnLanSettings settings) {
        this.settings = settings;
    }

    @Override
    public void wake(DeviceAddress.MacAddress mac) throws IOException {
        byte[] packet = MagicPacket.of(mac);
        var target = new InetSocketAddress(settings.broadcast(), settings.port());
        try (var socket = new DatagramSocket()) {
            socket.setBroadcast(true);
            for (int i = 0; i < settings.repeats(); i++) {
                socket.send(new DatagramPacket(packet, packet.length, target));
            }
        }
    }
}
