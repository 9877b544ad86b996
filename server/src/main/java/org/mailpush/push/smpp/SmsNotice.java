package org.mailpush.push.smpp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Optional;

/**
 * The parts of a push notice (docs/transports.md, the JSON every transport gets) that a phone is
 * sent: its type, sender, subject and links.
 *
 * @param type    {@code mail}, {@code hint} or {@code retract}
 * @param mail    the mail's id
 * @param from    the sender; empty for a retraction
 * @param subject the subject; empty for a retraction
 * @param link    the fetch link of a mail, else the notice's url; a path on the server
 */
record SmsNotice(String type, String mail, String from, String subject, String link) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** @throws IllegalArgumentException when the payload is not a notice */
    static SmsNotice of(byte[] payload) {
        JsonNode json;
        try {
            json = JSON.readTree(payload);
        } catch (IOException e) {
            throw new IllegalArgumentException("a push notice is JSON: " + e.getMessage(), e);
        }
        if (json == null || !json.path("type").isTextual() || !json.path("mail").isTextual()) {
            throw new IllegalArgumentException("a push notice has a type and a mail");
        }
        String link = Optional.ofNullable(json.get("fetch")).or(() -> Optional.ofNullable(json.get("url")))
                .map(JsonNode::asText).orElse("");
        return new SmsNotice(json.get("type").asText(), json.get("mail").asText(), json.path("from").asText(""),
                json.path("subject").asText(""), link);
    }

    /** Whether a phone is sent this notice: a mail or a hint is, a retraction is not. */
    boolean sent() {
        return type.equals("mail") || type.equals("hint");
    }

    /** The text a phone shows: "Mail from <sender>: <subject>", line breaks and controls as spaces. */
    String text() {
        return ("Mail from " + from + ": " + subject).replaceAll("\\p{Cntrl}+", " ").strip();
    }
}
