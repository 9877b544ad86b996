package org.mailpush.bench.latency;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.mailpush.bench.host.HostProcess;
import org.mailpush.bench.load.Latencies;
import org.mailpush.bench.load.Population;
import org.mailpush.bench.load.SmtpClient;
import org.mailpush.bench.load.SourceAddresses;
import org.mailpush.bench.load.Terminal;
import org.mailpush.bench.load.TerminalFleet;
import org.mailpush.bench.load.TestMail;
import org.mailpush.device.DeviceId;
import org.mailpush.json.PolicyJson;
import org.mailpush.policy.Policy;
import org.mailpush.presence.Proximity;
import org.mailpush.presence.UsageReport;
import org.mailpush.protocol.ServerMessage;
import org.mailpush.protocol.TerminalMessage;
import org.mailpush.user.UserId;

/**
 * The mailpush half of a latency run: users whose policy is "the terminal in use", one terminal of
 * each in use (proximity sensor: near), the others idle; mails sent one at a time to random users,
 * each timed from its 250 to its arrival on a terminal — first in heartbeat mode, then in probe mode.
 */
final class MailpushLatency implements Terminal.Events {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long MIN_SPACING_NANOS = 150_000_000;

    /** The figures of one reporting mode, collected as its mails arrive. */
    static final class Mode {
        private final Latencies from250 = new Latencies();
        private final Latencies fromData = new Latencies();
        private final Latencies afterAnswers = new Latencies();
        private int lost;
        private int elsewhere;

        Latencies from250() {
            return from250;
        }

        Latencies fromData() {
            return fromData;
        }

        /** From the moment the last of the user's terminals was probed (probe mode only). */
        Latencies afterAnswers() {
            return afterAnswers;
        }

        /** Mails that did not arrive in time. */
        int lost() {
            return lost;
        }

        /** Mails that first reached a terminal other than the one in use. */
        int elsewhere() {
            return elsewhere;
        }

        private void record(Pending mail, SmtpClient.Sent sent, boolean atAnother) {
            from250.add(mail.arrivedAt - sent.accepted());
            fromData.add(mail.arrivedAt - sent.dataEnd());
            if (mail.lastProbe != 0) {
                afterAnswers.add(mail.arrivedAt - mail.lastProbe);
            }
            if (atAnother) {
                elsewhere++;
            }
        }
    }

    /** Everything measured on mailpush. */
    record Figures(TerminalFleet.Outcome connected, Mode heartbeat, Mode probe) {}

    /** The mail being waited for: one at a time. */
    private static final class Pending {
        final String subject;
        final UserId user;
        final CompletableFuture<DeviceId> arrived = new CompletableFuture<>();
        volatile long arrivedAt;
        volatile long lastProbe;

        Pending(String subject, UserId user) {
            this.subject = subject;
            this.user = user;
        }
    }

    private final LatencyOptions options;
    private final Random random = new Random(7);
    private volatile Pending pending;
    private volatile CountDownLatch policies = new CountDownLatch(0);
    private final AtomicInteger refused = new AtomicInteger();

    MailpushLatency(LatencyOptions options) {
        this.options = options;
    }

    Figures run() throws InterruptedException {
        Path data = options.workspace().data("latency");
        try (HostProcess host = options.workspace().start("latency-mailpush", "mailpush",
                List.of("data-dir=" + data, "smtp.port=0", "http.port=0"))) {
            List<Population.Member> members = Population.enrol(host.port("http"), data, options.users(), options.devicesPerUser(), 32);
            List<DeviceId> inUse = new ArrayList<>();
            List<Terminal> terminals = new ArrayList<>();
            for (Population.Member member : members) {
                int chosen = random.nextInt(member.devices().size());
                inUse.add(member.devices().get(chosen).device());
                for (int d = 0; d < member.devices().size(); d++) {
                    var enrolled = member.devices().get(d);
                    boolean used = d == chosen;
                    terminals.add(new Terminal(member.user(), enrolled.device(), enrolled.token(), now -> report(now, used), this));
                }
            }
            try (var fleet = new TerminalFleet(new SourceAddresses(options.connectionsPerAddress()), 2)) {
                var outcome = fleet.connect(URI.create("ws://127.0.0.1:" + host.port("http") + "/api/link"), terminals, 256,
                        options.patience());
                if (outcome.failed() > 0) {
                    throw new IllegalStateException(outcome.failed() + " terminals could not connect, e.g. " + outcome.firstFailures());
                }
                try (var smtp = new SmtpClient(host.port("smtp"))) {
                    Mode heartbeat = mode("heartbeat", fleet.connected(), members, inUse, smtp);
                    Mode probe = mode("probe", fleet.connected(), members, inUse, smtp);
                    return new Figures(outcome, heartbeat, probe);
                }
            }
        }
    }

    private static UsageReport report(Instant now, boolean inUse) {
        return UsageReport.on(now).withProximity(inUse ? Proximity.NEAR : Proximity.AWAY);
    }

    private Mode mode(String reporting, List<Terminal> terminals, List<Population.Member> members, List<DeviceId> inUse,
            SmtpClient smtp) throws InterruptedException {
        setPolicies(reporting, terminals, members);
        // Every terminal reports its state; the answer to a policy.get after it says the server has it.
        awaitPolicies(terminals.size(), () -> terminals.forEach(t -> {
            t.reportState();
            t.send(new TerminalMessage.PolicyGet());
        }));
        var mode = new Mode();
        long[] lastMailed = new long[members.size()];
        for (int i = 0; i < options.warmup() + options.mails(); i++) {
            int user = random.nextInt(members.size());
            keepApart(lastMailed, user);
            var mail = new Pending(reporting + " " + i, members.get(user).user());
            var sent = send(smtp, members.get(user), mail);
            DeviceId at;
            try {
                at = mail.arrived.get(options.patience().toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException | ExecutionException e) {
                mode.lost++;
                continue;
            }
            if (i >= options.warmup()) {
                mode.record(mail, sent, !at.equals(inUse.get(user)));
            }
        }
        pending = null;
        return mode;
    }

    /**
     * A terminal may send 20 messages a second (an ack, and in probe mode a probe answer, per mail):
     * with few users, each user's mails are kept apart so that the terminals stay within the limit, as
     * real ones would.
     */
    static void keepApart(long[] lastMailed, int user) throws InterruptedException {
        long wait = lastMailed[user] + MIN_SPACING_NANOS - System.nanoTime();
        if (lastMailed[user] != 0 && wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
        lastMailed[user] = System.nanoTime();
    }

    private SmtpClient.Sent send(SmtpClient smtp, Population.Member member, Pending mail) {
        pending = mail;
        return smtp.send("sender@bench.example", member.address(),
                TestMail.of("sender@bench.example", member.address(), mail.subject, options.mailBytes()));
    }

    /** Each user's first terminal sets the policy; every terminal of the user gets it. */
    private void setPolicies(String reporting, List<Terminal> terminals, List<Population.Member> members) throws InterruptedException {
        Policy policy;
        try {
            policy = PolicyJson.read(JSON.readTree("{\"reporting\": \"" + reporting + "\", \"rules\": [{\"kind\": \"in-use\"}]}"),
                    "policy");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int perUser = options.devicesPerUser();
        awaitPolicies(terminals.size(), () -> {
            for (int u = 0; u < members.size(); u++) {
                terminals.get(u * perUser).send(new TerminalMessage.PolicySet(policy));
            }
        });
    }

    private void awaitPolicies(int count, Runnable action) throws InterruptedException {
        policies = new CountDownLatch(count);
        action.run();
        long patience = Math.max(options.patience().toMillis(), count * 5L);
        if (!policies.await(patience, TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException(policies.getCount() + " of " + count + " terminals got no policy within "
                    + patience + " ms; refused messages: " + refused.get());
        }
    }

    @Override
    public void mail(Terminal terminal, ServerMessage.Mail mail, long nanos) {
        Pending waiting = pending;
        if (waiting != null && waiting.subject.equals(mail.summary().subject()) && !waiting.arrived.isDone()) {
            waiting.arrivedAt = nanos;
            waiting.arrived.complete(terminal.device());
        }
    }

    @Override
    public void probed(Terminal terminal) {
        Pending waiting = pending;
        if (waiting != null && waiting.user.equals(terminal.user())) {
            waiting.lastProbe = System.nanoTime();
        }
    }

    @Override
    public void policy(Terminal terminal) {
        policies.countDown();
    }

    @Override
    public void refused(Terminal terminal, ServerMessage.Error error) {
        refused.incrementAndGet();
    }
}
