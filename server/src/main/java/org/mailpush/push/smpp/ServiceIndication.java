package org.mailpush.push.smpp;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Objects;

/**
 * A WAP Push Service Indication (WAP-167-ServiceInd-20010731-a) in its WBXML 1.2 form (WAP-192): a
 * text and a link that the phone shows as a message, with {@code action="signal-medium"}. The
 * {@code si-id} lets a later indication with the same id replace this one on the phone.
 *
 * @param href    the link, absolute
 * @param id      the indication's {@code si-id}
 * @param created when the content was made, to the second (UTC)
 * @param text    what the phone shows
 */
record ServiceIndication(URI href, String id, Instant created, String text) {
    // WBXML header (WAP-192 §5.4): version 1.2, the SI 1.0 public identifier, charset UTF-8 (IANA MIBenum 106).
    private static final int WBXML_1_2 = 0x02;
    private static final int PUBLIC_ID_SI_1_0 = 0x05;
    private static final int CHARSET_UTF_8 = 0x6A;
    // WBXML global tokens (WAP-192 §7.1).
    private static final int END = 0x01;
    private static final int STR_I = 0x03;
    private static final int OPAQUE = 0xC3;
    /** Tag token bit 6: the element has content. */
    private static final int CONTENT = 0x40;
    /** Tag token bit 7: the element has attributes. */
    private static final int ATTRIBUTES = 0x80;
    // SI tag tokens, code page 0 (WAP-167 §8.3.1).
    private static final int SI = 0x05;
    private static final int INDICATION = 0x06;
    // SI attribute start tokens, code page 0 (WAP-167 §8.3.2).
    private static final int ACTION_SIGNAL_MEDIUM = 0x07;
    private static final int CREATED = 0x0A;
    private static final int HREF = 0x0B;
    private static final int SI_ID = 0x11;
    /** The href prefixes with tokens of their own, the longer of each pair first. */
    private static final String[] HREF_PREFIXES = {"https://www.", "https://", "http://www.", "http://"};
    private static final int[] HREF_PREFIX_TOKENS = {0x0F, 0x0E, 0x0D, 0x0C};
    private static final DateTimeFormatter DIGITS = DateTimeFormatter.ofPattern("uuuuMMddHHmmss").withZone(ZoneOffset.UTC);

    ServiceIndication {
        Objects.requireNonNull(href, "href");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(text, "text");
        if (!href.isAbsolute()) {
            throw new IllegalArgumentException("a Service Indication's href is absolute, got '" + href + "'");
        }
    }

    /** The indication as WBXML: {@code <si><indication href si-id created action>text</indication></si>}. */
    byte[] wbxml() {
        var out = new ByteArrayOutputStream();
        out.write(WBXML_1_2);
        out.write(PUBLIC_ID_SI_1_0);
        out.write(CHARSET_UTF_8);
        out.write(0); // string table length: none
        out.write(SI | CONTENT);
        out.write(INDICATION | CONTENT | ATTRIBUTES);
        href(out, href.toASCIIString());
        out.write(SI_ID);
        inline(out, id);
        out.write(CREATED);
        opaque(out, date(created));
        out.write(ACTION_SIGNAL_MEDIUM);
        out.write(END); // of the attributes
        inline(out, text);
        out.write(END); // </indication>
        out.write(END); // </si>
        return out.toByteArray();
    }

    private static void href(ByteArrayOutputStream out, String link) {
        for (int i = 0; i < HREF_PREFIXES.length; i++) {
            if (link.startsWith(HREF_PREFIXES[i])) {
                out.write(HREF_PREFIX_TOKENS[i]);
                if (link.length() > HREF_PREFIXES[i].length()) {
                    inline(out, link.substring(HREF_PREFIXES[i].length()));
                }
                return;
            }
        }
        out.write(HREF);
        inline(out, link);
    }

    private static void inline(ByteArrayOutputStream out, String text) {
        out.write(STR_I);
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
        out.write(0);
    }

    private static void opaque(ByteArrayOutputStream out, byte[] data) {
        out.write(OPAQUE);
        out.write(data.length); // mb_u_int32; a date is at most 7 octets, so one octet
        out.writeBytes(data);
    }

    /**
     * A date as WAP-167 §8.2.2 encodes it: the 14 digits YYYYMMDDhhmmss two to an octet, as
     * binary-coded decimal, trailing zero octets left out.
     */
    static byte[] date(Instant instant) {
        String digits = DIGITS.format(instant);
        byte[] octets = new byte[7];
        for (int i = 0; i < 7; i++) {
            octets[i] = (byte) (((digits.charAt(2 * i) - '0') << 4) | (digits.charAt(2 * i + 1) - '0'));
        }
        int length = 7;
        while (length > 0 && octets[length - 1] == 0) {
            length--;
        }
        return java.util.Arrays.copyOf(octets, length);
    }
}
