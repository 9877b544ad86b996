package org.mailpush.push.smpp;

import java.io.ByteArrayOutputStream;

/**
 * The user data header at the start of a short message (3GPP TS 23.040 §9.2.3.24): its length
 * (UDHL), then information elements, each an identifier (IEI), a length and the data.
 */
final class UserDataHeader {
    /** IEI 0x00: concatenated short message, 8-bit reference number. */
    static final int CONCATENATED_8BIT = 0x00;
    /** IEI 0x05: application port addressing, 16-bit ports. */
    static final int PORTS_16BIT = 0x05;
    /** The WAP Push connectionless session service's port (WDP, WAP-259 Annex B): 2948. */
    static final int WAP_PUSH_PORT = 0x0B84;
    /** The WSP connectionless port a push comes from: 9200. */
    static final int WSP_PORT = 0x23F0;

    private final ByteArrayOutputStream elements = new ByteArrayOutputStream();

    /** Concatenation: the message's reference (0–255), how many parts it has and which one this is (from 1). */
    UserDataHeader concatenated(int reference, int parts, int part) {
        if (parts < 1 || parts > 255 || part < 1 || part > parts) {
            throw new IllegalArgumentException("part " + part + " of " + parts + " is not a part of a concatenated message");
        }
        return element(CONCATENATED_8BIT, reference & 0xFF, parts, part);
    }

    /** Application port addressing with 16-bit ports. */
    UserDataHeader ports(int destination, int source) {
        return element(PORTS_16BIT, destination >>> 8, destination & 0xFF, source >>> 8, source & 0xFF);
    }

    /** The header's octets, its length first. */
    byte[] octets() {
        byte[] body = elements.toByteArray();
        byte[] header = new byte[body.length + 1];
        header[0] = (byte) body.length;
        System.arraycopy(body, 0, header, 1, body.length);
        return header;
    }

    /** The header's length in octets, its length octet included. */
    int length() {
        return elements.size() + 1;
    }

    private UserDataHeader element(int identifier, int... data) {
        elements.write(identifier);
        elements.write(data.length);
        for (int octet : data) {
            elements.write(octet);
        }
        return this;
    }
}
