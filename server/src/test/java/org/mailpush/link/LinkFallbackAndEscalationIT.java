package org.mailpush.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mailpush.device.DeviceType.DESKTOP;
import static org.mailpush.device.DeviceType.PHONE;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mailpush.json.LinkJson;
import org.mailpush.mail.StoredMail;
import org.mailpush.policy.Escalation;
import org.mailpush.policy.Policy;
import org.mailpush.policy.Rule;
import org.mailpush.policy.Target;
import org.mailpush.presence.UsageReport;
import org.mailpush.protocol.ServerMessage;
import org.mailpush.protocol.TerminalMessage;
import org.mailpush.user.UserId;

/** The SSE + POST fallback for terminals without WebSockets, and escalation (SPEC X3). */
class LinkFallbackAndEscalationIT {
    private final LinkFixture fixture = new LinkFixture();
    private final UserId alice = fixture.user("alice");

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void aTerminalWithoutWebSocketsUsesServerSentEventsAndPost() throws Exception {
        String token = fixture.device(alice, "old-browser", PHONE);
        BlockingQueue<String> events = new LinkedBlockingQueue<>();
        var request = HttpRequest.newBuilder(uri("/api/link/events")).header("Authorization", "Bearer " + token)
                .header("Accept", "text/event-stream").build();
        HttpClient.newHttpClient().sendAsync(request, HttpResponse.BodyHandlers.ofLines())
                .thenAccept(response -> consume(response.body(), events));

        assertThat(LinkJson.readServer(nextData(events))).isInstanceOf(ServerMessage.Welcome.class);
        StoredMail mail = fixture.mail(alice, "over SSE");
        var pushed = (ServerMessage.Mail) LinkJson.readServer(nextData(events));
        assertThat(pushed.mail()).isEqualTo(mail.id());

        HttpResponse<String> ack = post(token, LinkJson.write(new TerminalMessage.Ack(pushed.seq())));
        assertThat(ack.statusCode()).isEqualTo(202);
        awaitUnacknowledged("old-browser", 0);
        assertThat(post("wrong", "{}").statusCode()).isEqualTo(401);
    }

    @Test
    void aMailNobodyAcknowledgesGoesToTheNextChoice() {
        fixture.stores.policies().save(alice, Policy.of(Rule.of(new Target.InUse()))
                .withEscalation(new Escalation(Duration.ofMillis(100), Escalation.Unless.ACKNOWLEDGED)));
        String desk = fixture.device(alice, "desk", DESKTOP);
        String phone = fixture.device(alice, "phone", PHONE);
        fixture.inUse("desk");
        fixture.report("phone", UsageReport.on(Instant.now()));
        try (var deskTerminal = TerminalClient.hello(fixture.port(), desk, 0);
                var phoneTerminal = TerminalClient.hello(fixture.port(), phone, 0)) {
            StoredMail mail = fixture.mail(alice, "anyone there?");
            assertThat(deskTerminal.next(ServerMessage.Mail.class).mail()).isEqualTo(mail.id());

            var escalated = phoneTerminal.next(ServerMessage.Mail.class);

            assertThat(escalated.mail()).isEqualTo(mail.id());
            assertThat(fixture.stores.plans().plansOf(alice, mail.id())).hasSize(2);
        }
    }

    @Test
    void readingTheMailCancelsTheEscalation() {
        fixture.stores.policies().save(alice, Policy.of(Rule.of(new Target.InUse()))
                .withEscalation(new Escalation(Duration.ofHours(1), Escalation.Unless.READ)));
        String desk = fixture.device(alice, "desk", DESKTOP);
        fixture.inUse("desk");
        try (var deskTerminal = TerminalClient.hello(fixture.port(), desk, 0)) {
            StoredMail mail = fixture.mail(alice, "read me");
            deskTerminal.next(ServerMessage.Mail.class);
            assertThat(fixture.stores.escalations().dueBy(Instant.now().plus(Duration.ofDays(1)))).hasSize(1);

            deskTerminal.send(new TerminalMessage.Flags(mail.id(), Optional.of(true), Optional.empty(), Optional.empty()));
            deskTerminal.send(new TerminalMessage.PolicyGet());
            deskTerminal.next(ServerMessage.PolicyChanged.class);

            assertThat(fixture.stores.escalations().dueBy(Instant.now().plus(Duration.ofDays(1)))).isEmpty();
        }
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + fixture.port() + path);
    }

    private HttpResponse<String> post(String token, String body) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri("/api/link/messages"))
                .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void consume(Stream<String> lines, BlockingQueue<String> events) {
        lines.filter(line -> line.startsWith("data:")).forEach(line -> events.add(line.substring(5).strip()));
    }

    private static String nextData(BlockingQueue<String> events) throws InterruptedException {
        String data = events.poll(TerminalClient.PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(data).as("an event within " + TerminalClient.PATIENCE).isNotNull();
        return data;
    }

    private void awaitUnacknowledged(String device, int count) {
        long deadline = System.nanoTime() + TerminalClient.PATIENCE.toNanos();
        while (fixture.stores.outbox().unacknowledged(new org.mailpush.device.DeviceId(device)).size() != count) {
            assertThat(System.nanoTime()).as("acknowledged in time").isLessThan(deadline);
            Thread.onSpinWait();
        }
    }
}
