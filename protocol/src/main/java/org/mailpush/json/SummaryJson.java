package org.mailpush.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Set;
import org.mailpush.mail.Importance;
import org.mailpush.mail.MailSummary;

/**
 * The JSON form of a mail summary: {@code {"from", "subject", "size", "pictures", "attachmentTypes",
 * "importance", "preview"}}, every field optional when read.
 */
public final class SummaryJson {
    private SummaryJson() {}

    /** Reads a mail summary, e.g. a mail described for a plan preview; errors name the field path below {@code root}. */
    public static MailSummary read(JsonNode node, String root) {
        return read(new JsonInput(node, root));
    }

    static MailSummary read(JsonInput input) {
        JsonInput mail = input.object(Set.of("from", "subject", "size", "pictures", "attachmentTypes", "importance", "preview"));
        String from = mail.optional("from").map(JsonInput::text).orElse("");
        String subject = mail.optional("subject").map(JsonInput::text).orElse("");
        long size = mail.optional("size").map(n -> n.integer(0, Long.MAX_VALUE)).orElse(0L);
        int pictures = (int) (long) mail.optional("pictures").map(n -> n.integer(0, 100_000)).orElse(0L);
        List<String> types = mail.optional("attachmentTypes")
                .map(list -> list.elements().stream().map(JsonInput::text).toList())
                .orElse(List.of());
        Importance importance = mail.optional("importance").map(i -> i.word(Importance.class, Importance::word))
                .orElse(Importance.NORMAL);
        String preview = mail.optional("preview").map(JsonInput::text).orElse("");
        return mail.as(in -> new MailSummary(from, subject, size, pictures, types, importance, preview));
    }

    /**
     * The short form a hint carries: who sent the mail, its subject and how many pictures it has —
     * enough to name it, never its content (SPEC M2: "a short hint saying where the mail went").
     */
    public static ObjectNode writeShort(MailSummary summary) {
        return JsonNodeFactory.instance.objectNode()
                .put("from", summary.sender())
                .put("subject", summary.subject())
                .put("pictures", summary.pictures());
    }

    public static ObjectNode write(MailSummary summary) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("from", summary.sender());
        json.put("subject", summary.subject());
        json.put("size", summary.sizeBytes());
        json.put("pictures", summary.pictures());
        ArrayNode types = json.putArray("attachmentTypes");
        summary.attachmentTypes().forEach(types::add);
        json.put("importance", summary.importance().word());
        json.put("preview", summary.preview());
        return json;
    }
}
