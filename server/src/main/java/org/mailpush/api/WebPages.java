package org.mailpush.api;

import io.javalin.config.JavalinConfig;
import io.javalin.http.staticfiles.Location;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The web app — plain HTML, CSS and JavaScript modules from the classpath folder {@code web} — and the
 * OpenAPI document of the HTTP API at {@code /api/openapi.json}. Pages run under a Content-Security-Policy
 * that allows scripts, styles and connections to this origin only.
 */
public final class WebPages implements Consumer<JavalinConfig> {
    static final String OPENAPI = "/api/openapi.json";
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' blob: data:;"
            + " connect-src 'self'; manifest-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private final byte[] openApi;

    public WebPages() {
        try (InputStream in = WebPages.class.getResourceAsStream("/openapi.json")) {
            if (in == null) {
                throw new IllegalStateException("openapi.json is missing from the classpath");
            }
            openApi = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void accept(JavalinConfig config) {
        config.staticFiles.add(files -> {
            files.hostedPath = "/";
            files.directory = "/web";
            files.location = Location.CLASSPATH;
            files.headers = Map.of(
                    "Content-Security-Policy", CONTENT_SECURITY_POLICY,
                    "X-Content-Type-Options", "nosniff",
                    "Referrer-Policy", "no-referrer",
                    "Cache-Control", "no-cache");
        });
        config.routes.get(OPENAPI, ctx -> ctx.contentType("application/json").result(openApi));
    }
}
