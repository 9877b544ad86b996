package org.mailpush.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.mailpush.json.PlanJson;
import org.mailpush.json.SummaryJson;
import org.mailpush.mail.StoredMail;
import org.mailpush.push.OutboxEntry;
import org.mailpush.push.Payload;
import org.mailpush.push.PlanStore;

/** The JSON form of a stored mail, and of its explanation: the plans made for it and every delivery (SPEC X4). */
final class MailJson {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private MailJson() {}

    static ObjectNode write(StoredMail mail) {
        ObjectNode json = JSON.objectNode();
        json.put("id", mail.id().value());
        json.put("user", mail.owner().value());
        json.put("receivedAt", mail.receivedAt().toString());
        json.set("summary", SummaryJson.write(mail.summary()));
        json.putObject("flags").put("seen", mail.flags().seen()).put("flagged", mail.flags().flagged())
                .put("deleted", mail.flags().deleted());
        return json;
    }

    static ObjectNode explained(StoredMail mail, List<PlanStore.Decided> plans, List<OutboxEntry> deliveries) {
        ObjectNode json = write(mail);
        ArrayNode planned = json.putArray("plans");
        plans.forEach(p -> planned.addObject().put("decidedAt", p.decidedAt().toString()).set("plan", PlanJson.write(p.plan())));
        ArrayNode delivered = json.putArray("deliveries");
        deliveries.forEach(d -> delivered.add(delivery(d)));
        return json;
    }

    private static ObjectNode delivery(OutboxEntry entry) {
        ObjectNode json = JSON.objectNode();
        json.put("device", entry.device().value());
        json.put("seq", entry.seq());
        json.put("kind", switch (entry.payload()) {
            case Payload.Full full -> "mail";
            case Payload.Hint hint -> "hint";
            case Payload.FlagsChanged flags -> "flags";
            case Payload.Retract retract -> "retract";
            case Payload.PolicyChanged policy -> "policy";
        });
        json.put("queuedAt", entry.queuedAt().toString());
        entry.sentAt().ifPresent(at -> json.put("sentAt", at.toString()));
        entry.ackedAt().ifPresent(at -> json.put("ackedAt", at.toString()));
        json.put("attempts", entry.attempts());
        json.put("status", entry.acknowledged() ? "acked" : entry.failure().isPresent() ? "failed" : entry.sentAt().isPresent() ? "sent" : "queued");
        entry.failure().ifPresent(reason -> json.put("failure", reason));
        return json;
    }
}
