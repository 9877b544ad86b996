package org.mailpush.push.smpp;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A text as short messages (3GPP TS 23.038, TS 23.040): in the GSM 7-bit alphabet when every character
 * is in it — 160 characters, an extension character counting two — else in UCS-2, 70 characters. A
 * longer text is cut and ends in an ellipsis ("..." in GSM-7, which has no "…"; "…" in UCS-2), or,
 * when concatenation is allowed, split into at most {@link #MAX_PARTS} parts of 153 or 67 characters,
 * each with a concatenation header. A surrogate pair or an escape and its septet are never split.
 */
final class TextSms {
    /** Parts of one concatenated message at most: each one costs the operator a message. */
    static final int MAX_PARTS = 4;

    private enum Alphabet {
        GSM7(SmsPart.GSM7, 160, 153, "..."), UCS2(SmsPart.UCS2, 70, 67, "…");

        final int dataCoding;
        final int single;
        final int part;
        final String ellipsis;

        Alphabet(int dataCoding, int single, int part, String ellipsis) {
            this.dataCoding = dataCoding;
            this.single = single;
            this.part = part;
            this.ellipsis = ellipsis;
        }

        /** Septets (GSM-7) or UTF-16 code units (UCS-2) the character at {@code i} starts, with its pair. */
        int units(String text, int i) {
            return this == GSM7 ? Gsm7.septets(text.charAt(i)) : Character.charCount(text.codePointAt(i));
        }

        int units(String text) {
            int n = 0;
            for (int i = 0; i < text.length(); i += Character.charCount(text.codePointAt(i))) {
                n += units(text, i);
            }
            return n;
        }

        byte[] encode(String text) {
            return this == GSM7 ? Gsm7.encode(text) : text.getBytes(StandardCharsets.UTF_16BE);
        }
    }

    private TextSms() {}

    /**
     * The short messages that carry the text.
     *
     * @param concatenate whether a long text may go as a concatenated message rather than be cut
     * @param reference   the concatenated message's reference number, 0–255
     */
    static List<SmsPart> encode(String text, boolean concatenate, int reference) {
        Alphabet alphabet = Gsm7.encodable(text) ? Alphabet.GSM7 : Alphabet.UCS2;
        int units = alphabet.units(text);
        if (units <= alphabet.single) {
            return List.of(new SmsPart(alphabet.dataCoding, 0, alphabet.encode(text)));
        }
        if (!concatenate) {
            return List.of(new SmsPart(alphabet.dataCoding, 0, alphabet.encode(cut(text, alphabet.single, alphabet))));
        }
        // A part may end one unit short where a pair would straddle it; the cut leaves room for that.
        int room = MAX_PARTS * alphabet.part - (MAX_PARTS - 1);
        List<String> chunks = split(units > room ? cut(text, room, alphabet) : text, alphabet);
        List<SmsPart> parts = new ArrayList<>(chunks.size());
        for (int i = 0; i < chunks.size(); i++) {
            byte[] header = new UserDataHeader().concatenated(reference, chunks.size(), i + 1).octets();
            var message = new ByteArrayOutputStream();
            message.writeBytes(header);
            message.writeBytes(alphabet.encode(chunks.get(i)));
            parts.add(new SmsPart(alphabet.dataCoding, SmsPart.UDHI, message.toByteArray()));
        }
        return List.copyOf(parts);
    }

    /** The text cut to {@code most} units, its ellipsis included. */
    private static String cut(String text, int most, Alphabet alphabet) {
        int budget = most - alphabet.units(alphabet.ellipsis);
        int end = 0;
        int used = 0;
        while (end < text.length() && used + alphabet.units(text, end) <= budget) {
            used += alphabet.units(text, end);
            end += Character.charCount(text.codePointAt(end));
        }
        return text.substring(0, end).stripTrailing() + alphabet.ellipsis;
    }

    private static List<String> split(String text, Alphabet alphabet) {
        List<String> chunks = new ArrayList<>();
        int start = 0;
        while (start < text.length()) {
            int end = start;
            int used = 0;
            while (end < text.length() && used + alphabet.units(text, end) <= alphabet.part) {
                used += alphabet.units(text, end);
                end += Character.charCount(text.codePointAt(end));
            }
            chunks.add(text.substring(start, end));
            start = end;
        }
        return chunks;
    }
}
