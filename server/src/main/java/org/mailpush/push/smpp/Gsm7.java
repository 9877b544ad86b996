package org.mailpush.push.smpp;

import java.io.ByteArrayOutputStream;

/**
 * The GSM 03.38 (3GPP TS 23.038 §6.2.1) default alphabet and its extension table: which text a
 * GSM-7 short message can carry, how many septets it takes, and its septets one to an octet — the
 * unpacked form that SMPP's {@code data_coding} 0 carries and the SMSC packs for the air.
 */
final class Gsm7 {
    /** The escape to the extension table; the character after it is read from {@link #EXTENSION}. */
    static final int ESCAPE = 0x1B;

    /** The default alphabet by septet; position 0x1B (the escape) holds a character no text has. */
    private static final String DEFAULT = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\uFFFFÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    /** The extension table: each character, then the septet that follows the escape. */
    private static final int[] EXTENSION = {
        '\f', 0x0A, '^', 0x14, '{', 0x28, '}', 0x29, '\\', 0x2F, '[', 0x3C, '~', 0x3D, ']', 0x3E, '|', 0x40, '€', 0x65,
    };

    private Gsm7() {}

    /** The septets a character takes: 1 in the default alphabet, 2 in the extension table, 0 when it has none. */
    static int septets(char c) {
        if (DEFAULT.indexOf(c) >= 0) {
            return 1;
        }
        return extension(c) >= 0 ? 2 : 0;
    }

    /** Whether every character of the text is in the alphabet or its extension. */
    static boolean encodable(CharSequence text) {
        return text.chars().allMatch(c -> septets((char) c) > 0);
    }

    /** The text's septets, one to an octet, an extension character as the escape and its septet. */
    static byte[] encode(CharSequence text) {
        var out = new ByteArrayOutputStream(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            int septet = DEFAULT.indexOf(c);
            if (septet >= 0) {
                out.write(septet);
                continue;
            }
            int extended = extension(c);
            if (extended < 0) {
                throw new IllegalArgumentException("'" + c + "' (U+" + String.format("%04X", (int) c) + ") is not in the GSM 7-bit alphabet");
            }
            out.write(ESCAPE);
            out.write(extended);
        }
        return out.toByteArray();
    }

    private static int extension(char c) {
        for (int i = 0; i < EXTENSION.length; i += 2) {
            if (EXTENSION[i] == c) {
                return EXTENSION[i + 1];
            }
        }
        return -1;
    }
}
