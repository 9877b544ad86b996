package org.mailpush.link;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
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
import org.mailpush.presence.UsageReport;
import org.mailpush.protocol.ServerMessage;
import org.mailpush.protocol.TerminalMessage;
import org.mailpush.user.UserId;

/**
 * Probe mode (SPEC S5): asks a user's connected terminals for their state and waits for the answers
 * up to a deadline. Every answer is recorded as the terminal's latest report, late ones too. In a
 * cluster, the user's terminals connected to other nodes are asked by those nodes at the same time
 * ({@link Peers#probe}), and their answers recorded here too, so that routing reads them at once.
 */
final class Probes {
    private record Pending(DeviceId device, CompletableFuture<UsageReport> answered) {}

    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final ReportStore reports;
    private final Peers peers;

    Probes(ReportStore reports, Peers peers) {
        this.reports = reports;
        this.peers = peers;
    }

    /** Probes the user's terminals, here and on the other nodes, and returns when all answered or the deadline passed. */
    void ask(UserId user, List<Session> sessions, Duration deadline) throws InterruptedException {
        List<String> asked = new ArrayList<>();
        long end = System.nanoTime() + deadline.toNanos();
        List<CompletableFuture<UsageReport>> answers = send(sessions, deadline, asked);
        try {
            if (peers.clustered()) {
                // The answers of the terminals here arrive meanwhile; what remains of the deadline is then waited for them.
                peers.probe(user, deadline).forEach(reports::record);
            }
            awaitAll(answers, Duration.ofNanos(Math.max(0, end - System.nanoTime())));
        } finally {
            asked.forEach(pending::remove);
        }
    }

    /** For another node's probe round: probes these terminals and returns, by the deadline, the answers that came. */
    Map<DeviceId, UsageReport> askHere(List<Session> sessions, Duration deadline) throws InterruptedException {
        List<String> asked = new ArrayList<>();
        List<CompletableFuture<UsageReport>> answers = send(sessions, deadline, asked);
        try {
            awaitAll(answers, deadline);
            Map<DeviceId, UsageReport> answered = new HashMap<>();
            for (String id : asked) {
                Pending probe = pending.get(id);
                if (probe.answered().isDone()) {
                    answered.put(probe.device(), probe.answered().join());
                }
            }
            return answered;
        } finally {
            asked.forEach(pending::remove);
        }
    }

    private List<CompletableFuture<UsageReport>> send(List<Session> sessions, Duration deadline, List<String> asked) {
        List<CompletableFuture<UsageReport>> answers = new ArrayList<>();
        for (Session session : sessions) {
            var identity = session.identity().orElseThrow();
            String id = "p-" + ids.incrementAndGet();
            var answer = new CompletableFuture<UsageReport>();
            pending.put(id, new Pending(identity.device(), answer));
            asked.add(id);
            answers.add(answer);
            session.send(new ServerMessage.Probe(id, deadline));
        }
        return answers;
    }

    private static void awaitAll(List<CompletableFuture<UsageReport>> answers, Duration deadline) throws InterruptedException {
        try {
            CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).get(deadline.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // Decide with what arrived; the silent terminals count by their last reports.
        }
    }

    /** Records a terminal's answer; an answer to a probe this device was not sent is only a report. */
    void answer(DeviceId device, TerminalMessage.ProbeReply reply) {
        reports.record(device, reply.report());
        Pending probe = pending.get(reply.probe());
        if (probe != null && probe.device().equals(device)) {
            probe.answered().complete(reply.report());
        }
    }
}
