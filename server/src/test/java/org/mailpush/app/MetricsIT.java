package org.mailpush.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailpush.api.AdminToken;
import org.mailpush.link.TerminalClient;
import org.mailpush.protocol.ServerMessage;
import org.mailpush.protocol.TerminalMessage;

/**
 * {@code /metrics} scraped over HTTP, as Prometheus does, after real SMTP mail, a real push through
 * a webhook channel and a real delivery acknowledged on a terminal's link: the series are there and
 * their counts moved. And the health endpoints answer.
 */
class MetricsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[^}]*\\})? (\\S+)$");

    @TempDir
    Path directory;

    @Test
    void aMailPushedAndDeliveredMovesTheSeries() throws Exception {
        Path data = directory.resolve("data");
        var hooks = new LinkedBlockingQueue<String>();
        HttpServer hook = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        hook.createContext("/hook", exchange -> {
            hooks.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        hook.start();
        try (MailpushServer server = MailpushServer.start(ServerConfig.read(Settings.of(Map.of(), "", Map.of(),
                Map.of("data-dir", data.toString(), "smtp.port", "0", "http.port", "0", "metrics.listen", "127.0.0.1:0",
                        "webhook.allow-insecure-loopback", "true"))), InstantSource.system())) {
            int metricsPort = server.metricsPort().orElseThrow();
            Admin.addUser(server.httpPort(), data, "alice", "alice@example.com");
            String token = JSON.readTree(Admin.post(server.httpPort(), data, "/api/admin/users/alice/devices",
                    "{\"id\": \"laptop\", \"type\": \"laptop\"}")).get("token").asText();
            HttpResponse<String> added = HTTP.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + server.httpPort() + "/api/devices/laptop/push-channels"))
                    .header("Authorization", "Bearer " + token)
                    .POST(HttpRequest.BodyPublishers.ofString("{\"kind\": \"webhook\", \"endpoint\": \"http://127.0.0.1:"
                            + hook.getAddress().getPort() + "/hook\"}")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
            Map<String, Double> before = scrape(metricsPort);

            // Away: the mail goes out through the webhook channel.
            try (Mailer mailer = new Mailer(server.smtpPort())) {
                assertThat(mailer.send("bob@example.org", "alice@example.com", "pushed", 0, 0)).isEqualTo(250);
            }
            assertThat(hooks.poll(TerminalClient.PATIENCE.toSeconds(), TimeUnit.SECONDS)).contains("pushed");
            Map<String, Double> pushed = await(metricsPort, now -> value(now, "mailpush_push_latency_seconds_count{via=\"push\"}") >= 1
                    && value(now, "mailpush_push_channel_sent_total{channel=\"webhook\"}") >= 1
                    && value(now, "mailpush_deliveries_total{channel=\"push\",state=\"sent\"}") >= 1);
            assertThat(value(pushed, "mailpush_push_channel_sent_total{channel=\"webhook\"}")).isEqualTo(1);
            assertThat(value(pushed, "mailpush_deliveries_total{channel=\"push\",state=\"sent\"}")).isEqualTo(1);

            // Connected: the terminal gets both mails on its link and acknowledges them.
            try (TerminalClient terminal = TerminalClient.hello(server.httpPort(), token, 0)) {
                ServerMessage.Mail first = terminal.next(ServerMessage.Mail.class);
                terminal.send(new TerminalMessage.Ack(first.sequence().orElseThrow()));
                try (Mailer mailer = new Mailer(server.smtpPort())) {
                    assertThat(mailer.send("bob@example.org", "alice@example.com", "linked", 0, 0)).isEqualTo(250);
                }
                ServerMessage.Mail second = terminal.next(ServerMessage.Mail.class);
                terminal.send(new TerminalMessage.Ack(second.sequence().orElseThrow()));
                assertThat(refusedRecipient(server.smtpPort())).startsWith("550");

                // Both acknowledgements are counted once the server has read them, which may be after the scrape that sees the 550.
                Map<String, Double> after = await(metricsPort, now -> value(now, "mailpush_push_latency_seconds_count{via=\"link\"}") >= 1
                        && value(now, "mailpush_smtp_replies_total{code=\"550\",command=\"RCPT\"}") >= 1
                        && value(now, "mailpush_deliveries_total{channel=\"link\",state=\"acknowledged\"}") >= 2);
                assertThat(moved(before, after, "mailpush_smtp_replies_total{code=\"250\",command=\"DATA\"}")).isEqualTo(2);
                assertThat(moved(before, after, "mailpush_smtp_replies_total{code=\"550\",command=\"RCPT\"}")).isEqualTo(1);
                assertThat(moved(before, after, "mailpush_ingest_seconds_count")).isEqualTo(2);
                assertThat(moved(before, after, "mailpush_routing_seconds_count")).isEqualTo(2);
                assertThat(after).containsKey("mailpush_routing_seconds_bucket{le=\"0.1\"}");
                assertThat(value(after, "mailpush_push_latency_seconds_count{via=\"link\"}")).isEqualTo(1);
                assertThat(after).containsKey("mailpush_push_latency_seconds_bucket{via=\"link\",le=\"1.0\"}");
                assertThat(moved(before, after, "mailpush_deliveries_total{channel=\"none\",state=\"queued\"}")).isEqualTo(2);
                assertThat(value(after, "mailpush_deliveries_total{channel=\"link\",state=\"sent\"}")).isGreaterThanOrEqualTo(2);
                assertThat(value(after, "mailpush_deliveries_total{channel=\"link\",state=\"acknowledged\"}")).isEqualTo(2);
                assertThat(value(after, "mailpush_push_channel_latency_seconds_count{channel=\"webhook\",outcome=\"sent\"}")).isEqualTo(1);
                assertThat(value(after, "mailpush_terminals_connected{type=\"laptop\"}")).isEqualTo(1);
                assertThat(after).containsKeys("mailpush_terminals_connected{type=\"phone\"}",
                        "mailpush_upstream_watchers{status=\"idle\"}", "mailpush_upstream_watchers{status=\"failed\"}",
                        "mailpush_push_channel_sent_total{channel=\"web-push\"}",
                        "mailpush_push_channel_sent_total{channel=\"unifiedpush\"}",
                        "mailpush_push_channel_sent_total{channel=\"wake-on-lan\"}");
                assertThat(after.keySet()).anyMatch(key -> key.startsWith("hikaricp_connections_active{"))
                        .anyMatch(key -> key.startsWith("jvm_memory_used_bytes{"))
                        .anyMatch(key -> key.startsWith("process_uptime_seconds"));
            }
        } finally {
            hook.stop(0);
        }
    }

    @Test
    void metricsOnTheApiPortNeedTheAdminTokenAndHealthAnswers() throws Exception {
        Path data = directory.resolve("data");
        try (MailpushServer server = MailpushServer.start(ServerConfig.read(Settings.of(Map.of(), "", Map.of(),
                Map.of("data-dir", data.toString(), "smtp.port", "0", "http.port", "0"))), InstantSource.system())) {
            assertThat(server.metricsPort()).isEmpty();
            String base = "http://127.0.0.1:" + server.httpPort();
            assertThat(get(base + "/metrics", null).statusCode()).isEqualTo(401);
            String admin = AdminToken.load(data.resolve(AdminToken.FILE_NAME)).value();
            HttpResponse<String> metrics = get(base + "/metrics", admin);
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
            assertThat(metrics.body()).contains("# TYPE mailpush_push_channel_sent_total counter");

            HttpResponse<String> live = get(base + "/health/live", null);
            assertThat(live.statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(live.body()).path("status").asText()).isEqualTo("live");
            HttpResponse<String> ready = get(base + "/health/ready", null);
            assertThat(ready.statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(ready.body()).path("status").asText()).isEqualTo("ready");
            assertThat(JSON.readTree(ready.body()).path("checks").properties()).extracting(Map.Entry::getKey)
                    .containsExactly("store", "migrations", "http", "smtp");
        }
    }

    /** An SMTP transaction for a recipient nobody has: the reply to RCPT. */
    private static String refusedRecipient(int port) throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
                var in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
                Writer out = new java.io.OutputStreamWriter(socket.getOutputStream(), StandardCharsets.US_ASCII)) {
            reply(in);
            for (String command : new String[] {"HELO client.example.org", "MAIL FROM:<bob@example.org>"}) {
                out.write(command + "\r\n");
                out.flush();
                assertThat(reply(in)).startsWith("250");
            }
            out.write("RCPT TO:<nobody@example.com>\r\n");
            out.flush();
            String refused = reply(in);
            out.write("QUIT\r\n");
            out.flush();
            reply(in);
            return refused;
        }
    }

    private static String reply(BufferedReader in) throws Exception {
        String line;
        do {
            line = in.readLine();
        } while (line != null && line.length() > 3 && line.charAt(3) == '-');
        return line;
    }

    private static HttpResponse<String> get(String uri, String token) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(uri));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Scrapes until the condition holds; the server updates some series just after it answers the terminal. */
    private static Map<String, Double> await(int port, Predicate<Map<String, Double>> condition) throws Exception {
        Instant deadline = Instant.now().plus(TerminalClient.PATIENCE);
        Map<String, Double> now = scrape(port);
        while (!condition.test(now) && Instant.now().isBefore(deadline)) {
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
            now = scrape(port);
        }
        assertThat(condition.test(now)).as("metrics never got there:%n%s", now).isTrue();
        return now;
    }

    /** Every sample of a scrape of the metrics port, by name and labels as written. */
    private static Map<String, Double> scrape(int port) throws Exception {
        HttpResponse<String> response = get("http://127.0.0.1:" + port + "/metrics", null);
        assertThat(response.statusCode()).isEqualTo(200);
        Map<String, Double> samples = new HashMap<>();
        for (String line : response.body().split("\n")) {
            Matcher m = SAMPLE.matcher(line);
            if (!line.startsWith("#") && m.matches()) {
                samples.put(m.group(1) + (m.group(2) == null ? "" : m.group(2)), Double.parseDouble(m.group(3)));
            }
        }
        return samples;
    }

    private static double value(Map<String, Double> samples, String series) {
        return samples.getOrDefault(series, 0.0);
    }

    private static double moved(Map<String, Double> before, Map<String, Double> after, String series) {
        assertThat(after).containsKey(series);
        return value(after, series) - value(before, series);
    }
}
