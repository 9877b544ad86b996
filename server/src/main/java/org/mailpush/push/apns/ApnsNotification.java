package org.mailpush.push.apns;

import com.eatthepath.pushy.apns.DeliveryPriority;
import com.eatthepath.pushy.apns.PushType;
import com.eatthepath.pushy.apns.util.SimpleApnsPushNotification;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import org.mailpush.push.PushMessage;

/**
 * A mailpush notice (docs/transports.md) as an APNs notification: a mail or hint is an alert — the
 * subject as title, "sender: preview" as body — and a retraction a background notification the app
 * uses to remove the alert it showed. The notice's own fields go along beside {@code aps}, so the app
 * reads the same JSON a browser does.
 */
final class ApnsNotification {
    /** The largest payload APNs takes for a notification other than VoIP. */
    static final int MAX_PAYLOAD_BYTES = 4096;
    private static final ObjectMapper JSON = new ObjectMapper();

    private ApnsNotification() {}

    /**
     * @param token      the device token
     * @param expiration when APNs stops trying to deliver it: now plus the message's TTL
     */
    static SimpleApnsPushNotification of(String token, String topic, PushMessage message, Instant expiration) {
        ObjectNode notice = notice(message.payload());
        boolean retract = notice.path("type").asText().equals("retract");
        ObjectNode payload = JSON.createObjectNode();
        ObjectNode aps = payload.putObject("aps");
        if (retract) {
            aps.put("content-available", 1);
        } else {
            ObjectNode alert = aps.putObject("alert");
            alert.put("title", notice.path("subject").asText(""));
            alert.put("body", body(notice));
            aps.put("sound", "default");
            aps.put("thread-id", "mailpush");
        }
        for (Iterator<Map.Entry<String, JsonNode>> fields = notice.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (!field.getKey().equals("aps")) {
                payload.set(field.getKey(), field.getValue());
            }
        }
        // Apple takes only priority 5 for a background notification.
        DeliveryPriority priority = retract || message.urgency().compareTo(PushMessage.Urgency.NORMAL) < 0
                ? DeliveryPriority.CONSERVE_POWER : DeliveryPriority.IMMEDIATE;
        return new SimpleApnsPushNotification(token, topic, payload.toString(), expiration, priority,
                retract ? PushType.BACKGROUND : PushType.ALERT, message.topic());
    }

    /** "sender: preview", or the sender alone when there is no preview. */
    static String body(JsonNode notice) {
        String from = notice.path("from").asText("");
        String preview = notice.path("preview").asText("");
        return preview.isEmpty() ? from : from + ": " + preview;
    }

    /** The notice's JSON object; a payload that is not one is carried whole as {@code text}. */
    static ObjectNode notice(byte[] payload) {
        try {
            JsonNode node = JSON.readTree(payload);
            if (node instanceof ObjectNode object) {
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
