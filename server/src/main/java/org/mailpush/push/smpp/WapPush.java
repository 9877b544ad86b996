package org.mailpush.push.smpp;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * A WAP push over SMS: the content in a connectionless WSP Push PDU (WAP-230 §8.2.4.1), carried by
 * WDP over short messages (WAP-259) to the phone's push port 2948 from port 9200, as 8-bit binary
 * data, split into concatenated parts when it is longer than one message holds.
 */
final class WapPush {
    /** WSP PDU type Push (WAP-230 Table 34). */
    static final int PDU_PUSH = 0x06;
    /** Content type application/vnd.wap.sic, well-known value 0x2E as a short integer (WAP-230 Table 40). */
    static final int CONTENT_TYPE_SIC = 0xAE;
    /** Header X-Wap-Application-Id, field name 0x2F as a short integer (WAP-230 Table 39). */
    static final int X_WAP_APPLICATION_ID = 0xAF;
    /** Application id x-wap-application:wml.ua, the browser that shows an SI: 0x02 as a short integer. */
    static final int APPLICATION_WML_UA = 0x82;

    private WapPush() {}

    /** The WSP Push PDU of a Service Indication: transaction id, PDU type, headers' length, headers, the WBXML. */
    static byte[] pdu(int transactionId, byte[] wbxml) {
        byte[] headers = {(byte) CONTENT_TYPE_SIC, (byte) X_WAP_APPLICATION_ID, (byte) APPLICATION_WML_UA};
        var out = new ByteArrayOutputStream();
        out.write(transactionId & 0xFF);
        out.write(PDU_PUSH);
        out.writeBytes(uintvar(headers.length));
        out.writeBytes(headers);
        out.writeBytes(wbxml);
        return out.toByteArray();
    }

    /** The short messages that carry a WSP PDU, each with the port addressing and, when split, a concatenation header. */
    static List<SmsPart> parts(byte[] pdu, int reference) {
        int single = SmsPart.MAX_OCTETS - new UserDataHeader().ports(UserDataHeader.WAP_PUSH_PORT, UserDataHeader.WSP_PORT).length();
        if (pdu.length <= single) {
            return List.of(part(new UserDataHeader().ports(UserDataHeader.WAP_PUSH_PORT, UserDataHeader.WSP_PORT), pdu, 0, pdu.length));
        }
        int each = SmsPart.MAX_OCTETS - new UserDataHeader().ports(0, 0).concatenated(0, 1, 1).length();
        int count = (pdu.length + each - 1) / each;
        List<SmsPart> parts = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            var header = new UserDataHeader().ports(UserDataHeader.WAP_PUSH_PORT, UserDataHeader.WSP_PORT)
                    .concatenated(reference, count, i + 1);
            parts.add(part(header, pdu, i * each, Math.min(pdu.length, (i + 1) * each)));
        }
        return List.copyOf(parts);
    }

    private static SmsPart part(UserDataHeader header, byte[] pdu, int from, int to) {
        var out = new ByteArrayOutputStream();
        out.writeBytes(header.octets());
        out.write(pdu, from, to - from);
        return new SmsPart(SmsPart.BINARY, SmsPart.UDHI, out.toByteArray());
    }

    /** WSP's variable-length unsigned integer (WAP-230 §8.1.2): 7 bits an octet, most significant first, bit 7 set on all but the last. */
    static byte[] uintvar(int value) {
        if (value < 0) {
            throw new IllegalArgumentException("a uintvar is not negative, got " + value);
        }
        int octets = 1;
        while (value >>> (7 * octets) != 0) {
            octets++;
        }
        byte[] out = new byte[octets];
        for (int i = 0; i < octets; i++) {
            int shift = 7 * (octets - 1 - i);
            out[i] = (byte) (((value >>> shift) & 0x7F) | (i < octets - 1 ? 0x80 : 0));
        }
        return out;
    }
}
