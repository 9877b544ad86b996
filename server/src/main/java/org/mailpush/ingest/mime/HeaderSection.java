package org.mailpush.ingest.mime;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The header section of one entity, read line by line (RFC 5322 section 2.2). Folded fields are unfolded;
 * names are case-insensitive; the first occurrence of a field wins. Only the fields a summary reads are
 * kept, each to an equal share of the part's header budget, so that a 10 MB header field costs nothing
 * and a huge Subject cannot crowd out the Content-Type. Values are
 * kept as ISO-8859-1 strings, one char per byte, so that boundaries compare byte for byte.
 */
final class HeaderSection {

    /** What a line meant. */
    enum Outcome {
        /** a field, part of one, or something to skip; the header section goes on */
        FIELD,
        /** the empty line that ends the header section */
        END,
        /** not a header field at all: the header section is over and this line is the body's first */
        BODY
    }

    private static final Set<String> READ = Set.of(
            "from", "subject", "importance", "x-priority", "priority",
            "content-type", "content-disposition", "content-transfer-encoding");

    private final Map<String, String> fields = new HashMap<>();
    private final int fieldBudget;
    private int fieldLeft;
    private byte[] value = new byte[128];
    private int valueLength;
    private String name;

    /** @param maxHeaderBytes bytes kept of the read fields together; each field gets an equal share */
    HeaderSection(int maxHeaderBytes) {
        this.fieldBudget = maxHeaderBytes / READ.size();
    }

    Outcome line(byte[] bytes, int length, boolean lineStart) {
        if (!lineStart || length > 0 && (bytes[0] == ' ' || bytes[0] == '\t')) {
            append(bytes, 0, length);
            return Outcome.FIELD;
        }
        endField();
        if (length == 0) {
            return Outcome.END;
        }
        int colon = colon(bytes, length);
        if (colon < 0) {
            return Outcome.BODY;
        }
        String field = new String(bytes, 0, colon, ISO_8859_1).strip().toLowerCase(Locale.ROOT);
        if (READ.contains(field) && !fields.containsKey(field)) {
            name = field;
            fieldLeft = fieldBudget;
            append(bytes, colon + 1, length - colon - 1);
        }
        return Outcome.FIELD;
    }

    /** Ends the section (also when no empty line did) and reads what it held. */
    PartHeaders complete(String defaultType) {
        endField();
        return PartHeaders.of(fields, defaultType);
    }

    /** The bytes this section holds on to. */
    int retainedBytes() {
        return value.length + fields.values().stream().mapToInt(String::length).sum();
    }

    /** The index of the colon after a field name (RFC 5322 ftext, obsolete blanks before the colon), or -1. */
    private static int colon(byte[] bytes, int length) {
        int i = 0;
        while (i < length && bytes[i] > ' ' && bytes[i] < 127 && bytes[i] != ':') {
            i++;
        }
        int nameEnd = i;
        while (i < length && (bytes[i] == ' ' || bytes[i] == '\t')) {
            i++;
        }
        return nameEnd > 0 && i < length && bytes[i] == ':' ? i : -1;
    }

    private void append(byte[] bytes, int offset, int length) {
        int kept = Math.min(length, fieldLeft);
        if (name == null || kept <= 0) {
            return;
        }
        if (valueLength + kept > value.length) {
            int capacity = Math.max(valueLength + kept, 2 * value.length);
            value = Arrays.copyOf(value, Math.min(capacity, valueLength + fieldLeft));
        }
        System.arraycopy(bytes, offset, value, valueLength, kept);
        valueLength += kept;
        fieldLeft -= kept;
    }

    private void endField() {
        if (name != null) {
            fields.put(name, new String(value, 0, valueLength, ISO_8859_1));
        }
        name = null;
        valueLength = 0;
    }
}
