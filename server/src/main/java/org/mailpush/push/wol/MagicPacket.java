package org.mailpush.push.wol;

import java.util.HexFormat;
import org.mailpush.device.DeviceAddress;

/** The Wake-on-LAN magic packet for one network card: six {@code 0xFF}, then its MAC address sixteen times. */
final class MagicPacket {
    static final int LENGTH = 6 + 16 * 6;

    private MagicPacket() {
    }

    static byte[] of(DeviceAddress.MacAddress mac) {
        byte[] card = HexFormat.ofDelimiter(":").parseHex(mac.hex());
        byte[] packet = new byte[LENGTH];
        for (int i = 0; i < 6; i++) {
            packet[i] = (byte) 0xff;
        }
        for (int i = 0; i < 16; i++) {
            System.arraycopy(card, 0, packet, 6 + i * card.length, card.length);
        }
        return packet;
    }
}
