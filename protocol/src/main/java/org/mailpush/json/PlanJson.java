package org.mailpush.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.mailpush.device.DeviceAddress;
import org.mailpush.device.DeviceId;
import org.mailpush.presence.UsageState;
import org.mailpush.route.Decision;
import org.mailpush.route.PushAction;
import org.mailpush.route.PushPlan;
import org.mailpush.route.PushTarget;
import org.mailpush.user.UserId;

/**
 * The JSON form of a push plan, as printed by {@code mailpush plan}, served by the HTTP API and kept
 * by the store: {@code read(write(plan))} equals {@code plan}.
 */
public final class PlanJson {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private PlanJson() {}

    /**
     * Reads a plan as {@link #write} wrote it, strictly; errors name the field path
     * ("targets[1].address"). A {@code decidedBy.description} is derived, and ignored.
     */
    public static PushPlan read(JsonNode node) {
        JsonInput plan = new JsonInput(node, "").object(Set.of("user", "decidedBy", "targets", "trail"));
        UserId user = plan.field("user").as(in -> new UserId(in.text()));
        Decision decidedBy = decision(plan.field("decidedBy"));
        List<PushTarget> targets = plan.field("targets").elements().stream().map(PlanJson::target).toList();
        List<String> trail = plan.field("trail").elements().stream().map(JsonInput::text).toList();
        return new PushPlan(user, decidedBy, targets, trail);
    }

    private static Decision decision(JsonInput input) {
        JsonInput decision = input.object(Set.of("rule", "name", "fallback", "description"));
        if (decision.has("rule")) {
            if (decision.has("fallback")) {
                throw decision.field("fallback").invalid("does not belong to a decision by a rule");
            }
            int number = (int) decision.field("rule").integer(1, Integer.MAX_VALUE);
            String name = decision.field("name").text();
            return new Decision.ByRule(number, name);
        }
        if (decision.has("name")) {
            throw decision.field("name").invalid("belongs to a decision by a rule only");
        }
        JsonInput fallback = decision.field("fallback");
        return switch (fallback.text()) {
            case "fail-open" -> new Decision.FailOpen();
            case "no-receiver" -> new Decision.NoReceiver();
            default -> throw fallback.invalid("'" + fallback.text() + "' is not one of fail-open, no-receiver");
        };
    }

    private static PushTarget target(JsonInput input) {
        JsonInput target = input.object(Set.of("device", "name", "action", "address", "state", "reason", "pushedTo"));
        DeviceId device = target.field("device").as(in -> new DeviceId(in.text()));
        String name = target.field("name").text();
        PushAction action = target.field("action").word(PushAction.class, PushAction::name);
        Optional<DeviceAddress> address = target.optional("address").map(a -> a.as(in -> DeviceAddress.parse(in.text())));
        UsageState state = target.field("state").word(UsageState.class, PolicyJson::word);
        String reason = target.field("reason").text();
        List<DeviceId> pushedTo = target.optional("pushedTo")
                .map(list -> list.elements().stream().map(id -> id.as(in -> new DeviceId(in.text()))).toList())
                .orElse(List.of());
        return target.as(in -> new PushTarget(device, name, action, address, state, reason, pushedTo));
    }

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
