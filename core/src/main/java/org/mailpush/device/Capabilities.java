package org.mailpush.device;

import java.util.Collections;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a terminal can show. Routing counts a picture as shown only where both {@code pictures} and
 * {@code colour} hold (docs/policy.md, "can show a mail").
 *
 * @param pictures        whether it can display images (photos, inline pictures)
 * @param colour          whether its screen shows colour; a mail's pictures are taken to be in colour
 * @param maxMailBytes    the largest raw mail it takes whole; larger mail needs a fetch link
 * @param attachmentTypes MIME types it accepts, lower case; {@code type/*} and {@code * /*} are wildcards
 */
public record Capabilities(boolean pictures, boolean colour, long maxMailBytes, Set<String> attachmentTypes) {
    /** No size limit. */
    public static final long UNLIMITED = Long.MAX_VALUE;
    /** Shows everything: pictures, colour, any size and any attachment type. */
    public static final Capabilities FULL = new Capabilities(true, true, UNLIMITED, Set.of("*/*"));

    public Capabilities {
        if (maxMailBytes <= 0) {
            throw new IllegalArgumentException("maxMailBytes must be positive, got " + maxMailBytes);
        }
        var normalised = new TreeSet<String>();
        for (String type : attachmentTypes) {
            String lower = type.strip().toLowerCase(Locale.ROOT);
            if (!lower.matches("[a-z0-9!#$&^_.+-]+/([a-z0-9!#$&^_.+-]+|\\*)|\\*/\\*")) {
                throw new IllegalArgumentException("attachment type must look like 'type/subtype', got '" + type + "'");
            }
            normalised.add(lower);
        }
        attachmentTypes = Collections.unmodifiableSortedSet(normalised);
    }

    /** Whether an attachment of this MIME type can be opened here. */
    public boolean accepts(String mimeType) {
        if (attachmentTypes.contains("*/*")) {
            return mimeType.indexOf('/') >= 1;
        }
        String lower = mimeType.toLowerCase(Locale.ROOT);
        int slash = lower.indexOf('/');
        if (slash < 1) {
            return false;
        }
        String major = lower.substring(0, slash);
        return attachmentTypes.contains(lower) || attachmentTypes.contains(major + "/*");
    }
}
