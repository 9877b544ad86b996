package org.mailpush.ingest.mime;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.mailpush.mail.Importance;

/**
 * What the header section of one entity says, read leniently.
 *
 * @param mediaType         "type/subtype", lower case; the default (text/plain, or message/rfc822 in a
 *                          multipart/digest) when Content-Type is missing or unreadable (RFC 2045 section 5.2)
 * @param contentType       Content-Type with its parameters
 * @param disposition       Content-Disposition with its parameters, or {@link StructuredField#EMPTY}
 * @param transferEncoding  Content-Transfer-Encoding, lower case, or empty
 * @param from              the From field as text (UTF-8, U+FFFD for octets that are not), or empty
 * @param subject           the Subject field as text, still RFC 2047 encoded, or empty
 * @param importance        from Importance, else X-Priority, else Priority; normal when none says
 */
record PartHeaders(
        String mediaType,
        StructuredField contentType,
        StructuredField disposition,
        String transferEncoding,
        String from,
        String subject,
        Importance importance) {

    /** RFC 2045 tokens, each at most 127 characters long (RFC 6838 section 4.2). */
    private static final Pattern MEDIA_TYPE =
            Pattern.compile("[!#$%&'*+.^_`{|}~0-9a-z-]{1,127}/[!#$%&'*+.^_`{|}~0-9a-z-]{1,127}");

    static PartHeaders of(Map<String, String> fields, String defaultType) {
        StructuredField contentType = StructuredField.parse(fields.getOrDefault("content-type", ""));
        String type = contentType.value().replaceAll("\\s+", "");
        return new PartHeaders(
                MEDIA_TYPE.matcher(type).matches() ? type : defaultType,
                contentType,
                fields.containsKey("content-disposition")
                        ? StructuredField.parse(fields.get("content-disposition"))
                        : StructuredField.EMPTY,
                fields.getOrDefault("content-transfer-encoding", "").strip().toLowerCase(Locale.ROOT),
                text(fields.getOrDefault("from", "")),
                text(fields.getOrDefault("subject", "")),
                importance(fields));
    }

    boolean multipart() {
        return mediaType.startsWith("multipart/");
    }

    /** Whether the parts of this multipart default to message/rfc822 (RFC 2046 section 5.1.5). */
    boolean digest() {
        return mediaType.equals("multipart/digest");
    }

    String boundary() {
        return contentType.parameter("boundary");
    }

    String charset() {
        return contentType.parameter("charset");
    }

    boolean attachmentDisposition() {
        return disposition.value().equals("attachment");
    }

    /** Whether the part carries a file name (RFC 2183 filename, or the older Content-Type name). */
    boolean named() {
        return disposition.hasParameter("filename") || contentType.hasParameter("name");
    }

    /**
     * Header bytes as text, read as UTF-8 (RFC 6532) as the text of a body is ({@link CharsetText}): an
     * octet that is not part of a UTF-8 sequence becomes U+FFFD. ASCII, and so every RFC 2047
     * encoded-word, is left as it is for {@link EncodedWords}.
     */
    private static String text(String bytes) {
        return new String(bytes.getBytes(ISO_8859_1), UTF_8).strip();
    }

    private static Importance importance(Map<String, String> fields) {
        String importance = word(fields, "importance");
        if (importance.startsWith("high")) {
            return Importance.HIGH;
        }
        if (importance.startsWith("low")) {
            return Importance.LOW;
        }
        if (importance.startsWith("normal")) {
            return Importance.NORMAL;
        }
        return priority(word(fields, "x-priority"), word(fields, "priority"));
    }

    private static Importance priority(String xPriority, String priority) {
        if (!xPriority.isEmpty() && xPriority.charAt(0) >= '1' && xPriority.charAt(0) <= '5') {
            char level = xPriority.charAt(0);
            return level <= '2' ? Importance.HIGH : level >= '4' ? Importance.LOW : Importance.NORMAL;
        }
        if (priority.startsWith("urgent")) {
            return Importance.HIGH;
        }
        return priority.startsWith("non-urgent") ? Importance.LOW : Importance.NORMAL;
    }

    private static String word(Map<String, String> fields, String name) {
        return StructuredField.withoutComments(fields.getOrDefault(name, "")).strip().toLowerCase(Locale.ROOT);
    }
}
