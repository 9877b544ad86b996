package org.mailpush.link;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.mailpush.device.DeviceId;
import org.mailpush.presence.ReportStore;
import org.mailpush.protocol.ServerMessage;
import org.mailpush.protocol.TerminalMessage;

/**
 * Probe mode (SPEC S5): asks a user's connected terminals for their state and waits for the answers
 * up to a deadline. Every answer is recorded as the terminal's latest report, late ones too.
 */
final class Probes {
    private record Pending(DeviceId device, CompletableFuture<Void> answered) {}

    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final ReportStore reports;

    Probes(ReportStore reports) {
        this.reports = reports;
    }

    /** Sends a probe on each session and returns when all answered or the deadline passed. */
    void ask(List<Session> sessions, Duration deadline) throws InterruptedException {
        List<String> asked = new ArrayList<>();
        List<CompletableFuture<Void>> answers = new ArrayList<>();
        for (Session session : sessions) {
            var identity = session.identity().orElseThrow();
            String id = "p-" + ids.incrementAndGet();
            var answer = new CompletableFuture<Void>();
            pending.put(id, new Pending(identity.device(), answer));
            asked.add(id);
            answers.add(answer);
            session.send(new ServerMessage.Probe(id, deadline));
        }
        try {
            CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).get(deadline.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // Decide with what arrived; the silent terminals count by their last reports.
        } finally {
            asked.forEach(pending::remove);
        }
    }

    /** Records a terminal's answer; an answer to a probe this device was not sent is only a report. */
    void answer(DeviceId device, TerminalMessage.ProbeReply reply) {
        reports.record(device, reply.report());
        Pending probe = pending.get(reply.probe());
        if (probe != null && probe.device().equals(device)) {
            probe.answered().complete(null);
        }
    }
}
