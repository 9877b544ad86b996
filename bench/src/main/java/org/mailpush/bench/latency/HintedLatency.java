package org.mailpush.bench.latency;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mailpush.bench.host.HostProcess;
import org.mailpush.bench.load.Latencies;
import org.mailpush.bench.load.PlainTerminal;
import org.mailpush.bench.load.Population;
import org.mailpush.bench.load.SmtpClient;
import org.mailpush.bench.load.SourceAddresses;
import org.mailpush.bench.load.TestMail;

/**
 * Latency with hints, timed by a client that shares nothing with the server ({@link PlainTerminal}):
 * users with several terminals each, policy "in use" with hints to the others, one terminal of each
 * in use. The mails go first one at a time (the next once the last one's mail and hints all arrived),
 * then open-loop: sent on a schedule at a set rate over several SMTP connections, whatever the
 * deliveries do, each timed from the moment it was due to be sent, so that a slow server delays the
 * schedule's measure, not the schedule (no coordinated omission). The server logs, at DEBUG, how long
 * each mail spent in each stage; the run reads its log for them.
 */
final class HintedLatency implements PlainTerminal.Events {
    static final String POLICY = "{\"others\": \"hint\", \"rules\": [{\"kind\": \"in-use\"}]}";
    private static final int SMTP_CONNECTIONS = 4;
    private static final Pattern STORED = Pattern.compile("mail (\\d+) stored: store (\\d+) µs, handed to routing at (-?\\d+) ns");
    private static final Pattern ROUTED = Pattern.compile("mail (\\d+) routed: begun at (-?\\d+) ns, plan (\\d+) µs, keep (\\d+) µs, push (\\d+) µs");

    /** One way of sending: its latencies and the server's stages. */
    record Figures(Latencies full, Latencies fullFrom250, Latencies hints, Latencies hintsFrom250, Latencies transactions, Stages stages,
            int lost) {}

    /** Each mail's time in the server's stages, from its DEBUG log. */
    record Stages(Latencies store, Latencies queued, Latencies plan, Latencies keep, Latencies push) {}

    /** Everything measured. */
    record Outcome(int terminals, Figures closed, Figures open) {}

    private static final class Sent {
        final long due;
        final int user;
        volatile long accepted;
        volatile long fullAt;
        volatile long mail;
        final long[] hintsAt;
        final AtomicInteger hints = new AtomicInteger();
        final AtomicInteger missing;
        final CountDownLatch done = new CountDownLatch(1);

        Sent(long due, int user, int expected) {
            this.due = due;
            this.user = user;
            this.hintsAt = new long[expected];
            this.missing = new AtomicInteger(expected);
        }
    }

    private final LatencyOptions options;
    private final LatencyOptions.Hinted hinted;
    private final Random random = new Random(11);
    private final Map<String, Sent> sent = new ConcurrentHashMap<>();
    private volatile CountDownLatch policies = new CountDownLatch(0);
    private final AtomicInteger refused = new AtomicInteger();

    HintedLatency(LatencyOptions options) {
        this.options = options;
        this.hinted = options.hinted();
    }

    Outcome run() throws InterruptedException {
        Path data = options.workspace().data("latency-hinted");
        try (HostProcess host = options.workspace().start("latency-mailpush-hinted", "mailpush",
                List.of("data-dir=" + data, "smtp.port=0", "http.port=0",
                        "smtp.max-connections-per-address=" + (SMTP_CONNECTIONS + 1)),
                List.of("-Dlogback.configurationFile=org/mailpush/bench/latency/logback-stages.xml"))) {
            int users = hinted.terminals() / hinted.perUser();
            List<Population.Member> members = Population.enrol(host.port("http"), data, users, hinted.perUser(), 32);
            List<PlainTerminal> terminals = connect(host.port("http"), members);
            try {
                awaitPolicies(terminals.size(), () -> {
                    for (int u = 0; u < users; u++) {
                        terminals.get(u * hinted.perUser()).setPolicy(POLICY);
                    }
                });
                awaitPolicies(terminals.size(), () -> terminals.forEach(t -> {
                    t.reportState();
                    t.askPolicy();
                }));
                Figures closed = closedLoop(host, users);
                Figures open = openLoop(host, users);
                return new Outcome(terminals.size(), closed, open);
            } finally {
                terminals.forEach(PlainTerminal::close);
            }
        }
    }

    private List<PlainTerminal> connect(int port, List<Population.Member> members) throws InterruptedException {
        var sources = new SourceAddresses(options.connectionsPerAddress());
        List<PlainTerminal> terminals = new ArrayList<>();
        List<Throwable> failures = new ArrayList<>();
        var slots = new Semaphore(64);
        try (ExecutorService connecting = Executors.newVirtualThreadPerTaskExecutor()) {
            List<java.util.concurrent.Future<PlainTerminal>> futures = new ArrayList<>();
            int index = 0;
            for (Population.Member member : members) {
                int chosen = random.nextInt(member.devices().size());
                for (int d = 0; d < member.devices().size(); d++) {
                    int i = index++;
                    boolean inUse = d == chosen;
                    String token = member.devices().get(d).token();
                    slots.acquire();
                    futures.add(connecting.submit(() -> {
                        try {
                            var terminal = new PlainTerminal(port, SourceAddresses.address(sources.indexOf(i)), token, i, inUse, this);
                            terminal.welcomed().get(options.patience().toMillis(), TimeUnit.MILLISECONDS);
                            return terminal;
                        } finally {
                            slots.release();
                        }
                    }));
                }
            }
            for (var future : futures) {
                try {
                    terminals.add(future.get());
                } catch (java.util.concurrent.ExecutionException e) {
                    failures.add(e.getCause());
                }
            }
        }
        if (!failures.isEmpty()) {
            terminals.forEach(PlainTerminal::close);
            throw new IllegalStateException(failures.size() + " terminals could not connect, e.g. " + failures.getFirst());
        }
        return terminals;
    }

    /** One mail at a time: the next once the last one's mail and all its hints arrived. */
    private Figures closedLoop(HostProcess host, int users) throws InterruptedException {
        List<Sent> measured = new ArrayList<>();
        var transactions = new Latencies();
        int lost = 0;
        long[] lastMailed = new long[users];
        try (var smtp = new SmtpClient(host.port("smtp"))) {
            for (int i = 0; i < options.warmup() + options.mails(); i++) {
                int user = random.nextInt(users);
                MailpushLatency.keepApart(lastMailed, user);
                var mail = new Sent(System.nanoTime(), user, hinted.perUser());
                String subject = "closed " + i;
                sent.put(subject, mail);
                var receipt = smtp.send("sender@bench.example", address(user), TestMail.of("sender@bench.example", address(user), subject,
                        options.mailBytes()));
                mail.accepted = receipt.accepted();
                if (!mail.done.await(options.patience().toMillis(), TimeUnit.MILLISECONDS)) {
                    lost++;
                } else if (i >= options.warmup()) {
                    measured.add(mail);
                    transactions.add(receipt.accepted() - mail.due);
                }
                sent.remove(subject);
            }
        }
        return figures(host, measured, transactions, lost);
    }

    /**
     * Mails sent on a schedule at the set rate, to random users, over {@value #SMTP_CONNECTIONS} SMTP
     * connections taking turns; a connection still busy with its last mail sends the next late, but
     * the mail is timed from when it was due.
     */
    private Figures openLoop(HostProcess host, int users) throws InterruptedException {
        int count = options.warmup() + options.mails();
        long period = 1_000_000_000L / hinted.rate();
        int[] recipients = new int[count];
        for (int i = 0; i < count; i++) {
            recipients[i] = random.nextInt(users);
        }
        List<Sent> all = new ArrayList<>(java.util.Collections.nCopies(count, null));
        var transactions = new Latencies[SMTP_CONNECTIONS];
        long start = System.nanoTime() + 100_000_000;
        List<Thread> senders = new ArrayList<>();
        for (int c = 0; c < SMTP_CONNECTIONS; c++) {
            int connection = c;
            transactions[c] = new Latencies();
            senders.add(Thread.ofPlatform().name("open-loop-smtp-" + c).start(() -> {
                try (var smtp = new SmtpClient(host.port("smtp"))) {
                    for (int i = connection; i < count; i += SMTP_CONNECTIONS) {
                        long due = start + i * period;
                        for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                            LockSupport.parkNanos(wait);
                        }
                        int user = recipients[i];
                        var mail = new Sent(due, user, hinted.perUser());
                        String subject = "open " + i;
                        sent.put(subject, mail);
                        all.set(i, mail);
                        var receipt = smtp.send("sender@bench.example", address(user), TestMail.of("sender@bench.example", address(user),
                                subject, options.mailBytes()));
                        mail.accepted = receipt.accepted();
                        if (i >= options.warmup()) {
                            transactions[connection].add(receipt.accepted() - due);
                        }
                    }
                }
            }));
        }
        for (Thread sender : senders) {
            sender.join();
        }
        int lost = 0;
        long deadline = System.nanoTime() + options.patience().toNanos();
        List<Sent> measured = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Sent mail = all.get(i);
            if (!mail.done.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                lost++;
            } else if (i >= options.warmup()) {
                measured.add(mail);
            }
        }
        sent.clear();
        var merged = new Latencies();
        for (Latencies l : transactions) {
            l.forEach(merged::add);
        }
        return figures(host, measured, merged, lost);
    }

    private Figures figures(HostProcess host, List<Sent> measured, Latencies transactions, int lost) throws InterruptedException {
        var full = new Latencies();
        var fullFrom250 = new Latencies();
        var hints = new Latencies();
        var hintsFrom250 = new Latencies();
        for (Sent mail : measured) {
            full.add(mail.fullAt - mail.due);
            fullFrom250.add(mail.fullAt - mail.accepted);
            for (int h = 0; h < mail.hints.get(); h++) {
                hints.add(mail.hintsAt[h] - mail.due);
                hintsFrom250.add(mail.hintsAt[h] - mail.accepted);
            }
        }
        return new Figures(full, fullFrom250, hints, hintsFrom250, transactions, stages(host.log(), measured), lost);
    }

    /**
     * The stages of the measured mails, from the server's DEBUG lines. A mail's routing line is written
     * once its push is done, which may be just after its terminals have it: the log is read again for
     * up to a second until it has them all.
     */
    private static Stages stages(Path log, List<Sent> measured) throws InterruptedException {
        Map<Long, long[]> stored = new HashMap<>();
        Map<Long, long[]> routed = new HashMap<>();
        long deadline = System.nanoTime() + 1_000_000_000L;
        do {
            read(log, stored, routed);
        } while (!measured.stream().allMatch(m -> routed.containsKey(m.mail)) && System.nanoTime() < deadline
                && sleep(50));
        var stages = new Stages(new Latencies(), new Latencies(), new Latencies(), new Latencies(), new Latencies());
        for (Sent mail : measured) {
            long[] s = stored.get(mail.mail);
            long[] r = routed.get(mail.mail);
            if (s == null || r == null) {
                continue;
            }
            stages.store().add(s[0] * 1000);
            stages.queued().add(r[0] - s[1]);
            stages.plan().add(r[1] * 1000);
            stages.keep().add(r[2] * 1000);
            stages.push().add(r[3] * 1000);
        }
        return stages;
    }

    private static boolean sleep(long millis) throws InterruptedException {
        Thread.sleep(millis);
        return true;
    }

    private static void read(Path log, Map<Long, long[]> stored, Map<Long, long[]> routed) {
        try (var lines = Files.lines(log)) {
            lines.forEach(line -> {
                Matcher s = STORED.matcher(line);
                if (s.find()) {
                    stored.put(Long.parseLong(s.group(1)), new long[] {Long.parseLong(s.group(2)), Long.parseLong(s.group(3))});
                    return;
                }
                Matcher r = ROUTED.matcher(line);
                if (r.find()) {
                    routed.put(Long.parseLong(r.group(1)), new long[] {Long.parseLong(r.group(2)), Long.parseLong(r.group(3)),
                            Long.parseLong(r.group(4)), Long.parseLong(r.group(5))});
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the server's log " + log + ": " + e.getMessage(), e);
        }
    }

    private static String address(int user) {
        return "u" + user + "@" + Population.DOMAIN;
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
    public void delivered(PlainTerminal terminal, boolean full, long mail, String subject, long nanos) {
        Sent waiting = sent.get(subject);
        if (waiting == null) {
            return;
        }
        if (full) {
            waiting.mail = mail;
            waiting.fullAt = nanos;
        } else {
            int h = waiting.hints.getAndIncrement();
            if (h < waiting.hintsAt.length) {
                waiting.hintsAt[h] = nanos;
            }
        }
        if (waiting.missing.decrementAndGet() == 0) {
            waiting.done.countDown();
        }
    }

    @Override
    public void policy(PlainTerminal terminal) {
        policies.countDown();
    }

    @Override
    public void refused(PlainTerminal terminal, String code) {
        refused.incrementAndGet();
    }
}
