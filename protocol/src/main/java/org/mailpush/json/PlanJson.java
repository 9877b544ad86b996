package org.mailpush.json;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.mailpush.route.Decision;
import org.mailpush.route.PushPlan;
import org.mailpush.route.PushTarget;

/** The JSON form of a push plan, as printed by {@code mailpush plan} and served by the HTTP API. */
public final class PlanJson {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private PlanJson() {}

    public static ObjectNode write(PushPlan plan) {
        ObjectNode json = JSON.objectNode();
        json.put("user", plan.user().value());
        ObjectNode decidedBy = json.putObject("decidedBy");
        switch (plan.decidedBy()) {
            case Decision.ByRule rule -> decidedBy.put("rule", rule.number()).put("name", rule.name());
            case Decision.FailOpen failOpen -> decidedBy.put("fallback", "fail-open");
            case Decision.NoReceiver none -> decidedBy.put("fallback", "no-receiver");
        }
        decidedBy.put("description", plan.decidedBy().describe());
        ArrayNode targets = json.putArray("targets");
        plan.targets().forEach(target -> targets.add(write(target)));
        ArrayNode trail = json.putArray("trail");
        plan.trail().forEach(trail::add);
        return json;
    }

    private static ObjectNode write(PushTarget target) {
        ObjectNode json = JSON.objectNode();
        json.put("device", target.device().value());
        json.put("name", target.deviceName());
        json.put("action", target.action().name());
        target.address().ifPresent(address -> json.put("address", address.uri()));
        json.put("state", PolicyJson.word(target.state()));
        json.put("reason", target.reason());
        if (!target.pushedTo().isEmpty()) {
            ArrayNode pushedTo = json.putArray("pushedTo");
            target.pushedTo().forEach(id -> pushedTo.add(id.value()));
        }
        return json;
    }
}
