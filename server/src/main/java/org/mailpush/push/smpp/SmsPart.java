package org.mailpush.push.smpp;

import java.util.HexFormat;

/**
 * What one {@code submit_sm} carries of a message (SMPP 3.4 §4.4.1): its {@code data_coding}, its
 * {@code esm_class} ({@link #UDHI} when the short message starts with a user data header) and the
 * {@code short_message} octets, at most {@link #MAX_OCTETS}.
 */
record SmsPart(int dataCoding, int esmClass, byte[] shortMessage) {
    /** The SMSC's default alphabet, GSM 03.38 septets one to an octet. */
    static final int GSM7 = 0x00;
    /** 8-bit binary data (GSM 03.38 data coding scheme: class-less 8-bit). */
    static final int BINARY = 0x04;
    /** UCS-2, big-endian. */
    static final int UCS2 = 0x08;
    /** esm_class bit 6: User Data Header Indicator. */
    static final int UDHI = 0x40;
    /** The user data of one short message: 140 octets (160 septets packed). */
    static final int MAX_OCTETS = 140;

    SmsPart {
        if (shortMessage.length > MAX_OCTETS && dataCoding != GSM7) {
            throw new IllegalArgumentException("a short message is at most " + MAX_OCTETS + " octets, got " + shortMessage.length);
        }
        shortMessage = shortMessage.clone();
    }

    @Override
    public byte[] shortMessage() {
        return shortMessage.clone();
    }

    @Override
    public String toString() {
        return "SmsPart[data_coding=" + dataCoding + ", esm_class=" + esmClass + ", " + HexFormat.of().formatHex(shortMessage) + "]";
    }
}
