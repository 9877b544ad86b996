package org.mailpush.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.JavalinConfig;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import java.io.IOException;
import java.time.Instant;
import java.util.Iterator;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.mailpush.access.ApiScope;
import org.mailpush.admin.Administration;
import org.mailpush.json.InvalidInputException;
import org.mailpush.json.PlanJson;
import org.mailpush.json.PolicyJson;
import org.mailpush.json.SummaryJson;
import org.mailpush.mail.MailSummary;
import org.mailpush.policy.Policy;
import org.mailpush.policy.PolicyStore;
import org.mailpush.route.Router;
import org.mailpush.user.UserId;

/**
 * The user's push policy from the web (SPEC S6, X4, X5): read it, check a draft, replace it — which
 * delivers it to every terminal of the user, as {@code policy.set} from a terminal does — and preview
 * what a described mail arriving now would do under the stored policy or a draft.
 */
public final class PolicyApi implements Consumer<JavalinConfig> {
    private static final Set<String> PREVIEW_FIELDS = Set.of("mail", "policy");

    private final UserAccess access;
    private final PolicyStore policies;
    private final BiConsumer<UserId, Policy> setPolicy;
    private final Administration admin;
    private final TerminalStates states;
    private final Router router;

    /**
     * @param setPolicy replaces a user's policy and tells their terminals
     */
    public PolicyApi(UserAccess access, PolicyStore policies, BiConsumer<UserId, Policy> setPolicy, Administration admin,
            TerminalStates states, Router router) {
        this.access = access;
        this.policies = policies;
        this.setPolicy = setPolicy;
        this.admin = admin;
        this.states = states;
        this.router = router;
    }

    @Override
    public void accept(JavalinConfig config) {
        config.routes.get("/api/policy", ctx -> ctx.json(PolicyJson.write(policyOf(access.userOrTerminal(ctx, ApiScope.POLICY)))));
        config.routes.put("/api/policy", this::set);
        config.routes.post("/api/policy/validate", this::validate);
        config.routes.post("/api/policy/preview", this::preview);
        config.routes.get("/api/policy/terminals", ctx -> ctx.json(Json.object().put("allowed",
                access.policyFromTerminals().allowed(access.userOrTerminal(ctx, ApiScope.POLICY)))));
        config.routes.put("/api/policy/terminals", this::allowTerminals);
    }

    private Policy policyOf(UserId user) {
        return policies.policyOf(user).orElse(Policy.FAIL_OPEN_ONLY);
    }

    private void set(Context ctx) throws IOException {
        UserId user = access.policySetter(ctx);
        Policy policy = PolicyJson.read(Json.body(ctx), "");
        setPolicy.accept(user, policy);
        ctx.json(PolicyJson.write(policy));
    }

    /** {@code {"allowed": true|false}}: whether the user's terminals may set the policy (SPEC T6); not for a terminal itself. */
    private void allowTerminals(Context ctx) throws IOException {
        UserId user = access.user(ctx, ApiScope.POLICY);
        JsonNode body = Json.body(ctx);
        if (!body.isObject() || !body.path("allowed").isBoolean() || body.size() != 1) {
            throw new BadRequestResponse("must be {\"allowed\": true} or {\"allowed\": false}");
        }
        access.policyFromTerminals().allow(user, body.get("allowed").asBoolean());
        ctx.json(Json.object().put("allowed", body.get("allowed").asBoolean()));
    }

    /** Always 200: {@code {"valid": true, "policy": ...}} or {@code {"valid": false, "errors": [{"path", "message"}]}}. */
    private void validate(Context ctx) throws IOException {
        access.userOrTerminal(ctx, ApiScope.POLICY);
        JsonNode body = Json.body(ctx);
        ObjectNode json = Json.object();
        try {
            Policy policy = PolicyJson.read(body, "");
            json.put("valid", true);
            json.set("policy", PolicyJson.write(policy));
        } catch (InvalidInputException e) {
            json.put("valid", false);
            json.putArray("errors").addObject().put("path", e.path()).put("message", e.getMessage());
        }
        ctx.json(json);
    }

    /**
     * "What if a mail like this arrived now?" — {@code {"mail": {summary}, "policy": optional draft}} →
     * {@code {"at": now, "plan": {...}}}, planned against the user's terminals as they are now.
     */
    private void preview(Context ctx) throws IOException {
        UserId user = access.user(ctx, ApiScope.POLICY);
        JsonNode body = Json.body(ctx);
        if (!body.isObject()) {
            throw new BadRequestResponse("must be an object: {\"mail\": {...}, \"policy\": {...}}");
        }
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!PREVIEW_FIELDS.contains(name)) {
                throw new BadRequestResponse(name + ": unknown field (expected one of mail, policy)");
            }
        }
        if (!body.hasNonNull("mail")) {
            throw new BadRequestResponse("mail: is required");
        }
        MailSummary mail = SummaryJson.read(body.get("mail"), "mail");
        Policy policy = body.hasNonNull("policy") ? PolicyJson.read(body.get("policy"), "policy") : policyOf(user);
        Instant now = states.now();
        var plan = router.plan(user, states.snapshots(admin.devicesOf(user)), policy, mail, now);
        ObjectNode json = Json.object();
        json.put("at", now.toString());
        json.set("plan", PlanJson.write(plan));
        ctx.json(json);
    }
}
