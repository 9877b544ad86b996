package org.mailpush.health;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@code GET /health/live}: 200 while the server answers HTTP at all. {@code GET /health/ready}: 200
 * when every check passes, else 503; both answer JSON, the readiness one with each check's word:
 * {@code {"status": "not ready", "checks": {"store": "ok", "smtp": "starting"}}}. Neither needs a token,
 * so that a supervisor or load balancer can ask; neither says more than what is up.
 */
public final class HealthRoutes implements Consumer<JavalinConfig> {
    private final Health health;

    public HealthRoutes(Health health) {
        this.health = health;
    }

    @Override
    public void accept(JavalinConfig config) {
        config.routes.get("/health/live", ctx -> ctx.json(Map.of("status", "live")));
        config.routes.get("/health/ready", this::ready);
    }

    private void ready(Context ctx) {
        Answer answer = ready(health);
        ctx.status(answer.status()).json(answer.body());
    }

    /** The status code and JSON body of a readiness answer, for any HTTP server. */
    public record Answer(int status, Map<String, Object> body) {}

    public static Answer ready(Health health) {
        Health.Readiness readiness = health.readiness();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", readiness.ready() ? "ready" : "not ready");
        body.put("checks", readiness.checks());
        return new Answer(readiness.ready() ? 200 : 503, body);
    }
}
