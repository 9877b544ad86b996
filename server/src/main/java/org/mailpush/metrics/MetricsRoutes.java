package org.mailpush.metrics;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.UnauthorizedResponse;
import java.util.function.Consumer;
import org.mailpush.api.AdminToken;

/** {@code GET /metrics} on the HTTP API's port, for {@code Authorization: Bearer <admin token>} only. */
public final class MetricsRoutes implements Consumer<JavalinConfig> {
    private final Metrics metrics;
    private final AdminToken token;

    public MetricsRoutes(Metrics metrics, AdminToken token) {
        this.metrics = metrics;
        this.token = token;
    }

    @Override
    public void accept(JavalinConfig config) {
        config.routes.get("/metrics", this::scrape);
    }

    private void scrape(Context ctx) {
        String header = ctx.header("Authorization");
        String presented = header != null && header.startsWith("Bearer ") ? header.substring(7).strip() : null;
        if (!token.matches(presented)) {
            throw new UnauthorizedResponse("/metrics needs 'Authorization: Bearer <admin token>', or metrics.listen for a port of its own");
        }
        ctx.contentType(Metrics.CONTENT_TYPE).result(metrics.scrape());
    }
}
