package org.mailpush.agent.maildir;

import java.util.Objects;
import java.util.TreeSet;
import org.mailpush.mail.MailFlags;

/**
 * A Maildir message's file name: its unique part and its flag letters (the "info" after {@code
 * :2,}). Only {@code S}, {@code F} and {@code T} mean something to mailpush; other letters (such as
 * {@code R} replied, {@code D} draft) are kept as they are.
 */
public record MessageName(String unique, String flags) {
    public MessageName {
        Objects.requireNonNull(unique, "unique");
        Objects.requireNonNull(flags, "flags");
        if (unique.isEmpty() || unique.contains("/") || unique.contains(":")) {
            throw new IllegalArgumentException("a Maildir unique name must be non-empty without '/' or ':', got '" + unique + "'");
        }
        flags = sorted(flags);
    }

    /** Reads a file name: {@code unique} or {@code unique:2,FLAGS}; an experimental {@code :1,} info counts as no flags. */
    public static MessageName parse(String fileName) {
        int colon = fileName.indexOf(':');
        if (colon < 0) {
            return new MessageName(fileName, "");
        }
        String info = fileName.substring(colon + 1);
        return new MessageName(fileName.substring(0, colon), info.startsWith("2,") ? info.substring(2) : "");
    }

    /** The name in {@code cur/}: always with its info, possibly empty ({@code unique:2,}). */
    public String curName() {
        return unique + ":2," + flags;
    }

    /** What the flags say about the mail: S seen, F flagged, T trashed (deleted). */
    public MailFlags mailFlags() {
        return new MailFlags(flags.indexOf('S') >= 0, flags.indexOf('F') >= 0, flags.indexOf('T') >= 0);
    }

    /** The same message with S, F and T set from the mail's flags and every other letter kept. */
    public MessageName with(MailFlags mail) {
        StringBuilder letters = new StringBuilder(flags.replaceAll("[SFT]", ""));
        if (mail.seen()) {
            letters.append('S');
        }
        if (mail.flagged()) {
            letters.append('F');
        }
        if (mail.deleted()) {
            letters.append('T');
        }
        return new MessageName(unique, letters.toString());
    }

    private static String sorted(String letters) {
        TreeSet<Character> set = new TreeSet<>();
        for (char c : letters.toCharArray()) {
            if (c >= 0x21 && c <= 0x7e && c != '/' && c != ':') {
                set.add(c);
            }
        }
        StringBuilder out = new StringBuilder();
        set.forEach(out::append);
        return out.toString();
    }
}
