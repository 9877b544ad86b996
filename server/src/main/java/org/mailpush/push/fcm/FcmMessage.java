package org.mailpush.push.fcm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import org.mailpush.push.PushMessage;

/**
 * A mailpush notice (docs/transports.md) as an FCM HTTP v1 message: a mail or hint carries a
 * notification — the subject as title, "sender: preview" as body — and a retraction is data only, for
 * the app to cancel what it showed. Every field of the notice goes in {@code data} as a string (FCM's
 * data values are strings), and {@code android} carries the collapse key, the priority and the TTL.
 */
final class FcmMessage {
    /** FCM refuses a message whose notification and data together are over 4096 bytes. */
    static final int MAX_PAYLOAD_BYTES = 4096;
    private static final ObjectMapper JSON = new ObjectMapper();

    private FcmMessage() {}

    /** The request body: {@code {"message": {...}}}; {@code ttl} is what is left of the message's TTL. */
    static ObjectNode body(String token, PushMessage message, Duration ttl) {
        ObjectNode notice = notice(message.payload());
        boolean retract = notice.path("type").asText().equals("retract");
        ObjectNode body = JSON.createObjectNode();
        ObjectNode fcm = body.putObject("message");
        fcm.put("token", token);
        if (!retract) {
            ObjectNode notification = fcm.putObject("notification");
            notification.put("title", notice.path("subject").asText(""));
            notification.put("body", text(notice));
        }
        ObjectNode data = fcm.putObject("data");
        for (Iterator<Map.Entry<String, JsonNode>> fields = notice.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode value = field.getValue();
            data.put(field.getKey(), value.isValueNode() ? value.asText() : value.toString());
        }
        ObjectNode android = fcm.putObject("android");
        android.put("collapse_key", message.topic());
        android.put("priority", !retract && message.urgency().compareTo(PushMessage.Urgency.NORMAL) >= 0 ? "high" : "normal");
        android.put("ttl", Math.max(0, ttl.getSeconds()) + "s");
        return body;
    }

    /** The bytes FCM counts against its limit: the notification and the data. */
    static int size(ObjectNode body) {
        JsonNode message = body.path("message");
        return (message.path("notification").toString() + message.path("data").toString()).getBytes(StandardCharsets.UTF_8).length;
    }

    private static String text(JsonNode notice) {
        String from = notice.path("from").asText("");
        String preview = notice.path("preview").asText("");
        return preview.isEmpty() ? from : from + ": " + preview;
    }

    private static ObjectNode notice(byte[] payload) {
        try {
            if (JSON.readTree(payload) instanceof ObjectNode object) {
                return object;
            }
        } catch (IOException e) {
            // Not JSON: carried as text below.
        }
        ObjectNode text = JSON.createObjectNode();
        text.put("text", new String(payload, StandardCharsets.UTF_8));
        return text;
    }
}
