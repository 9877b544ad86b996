package org.mailpush.bench.ingest;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import org.mailpush.bench.host.HostProcess;
import org.mailpush.bench.load.Latencies;
import org.mailpush.bench.load.SmtpClient;
import org.mailpush.bench.load.SourceAddresses;
import org.mailpush.bench.load.TestMail;

/**
 * K SMTP clients, each on a thread of its own, sending one mail after another until each has had its
 * first 250, then for a warm-up, then for the measured time; the mails begun and answered 250 within
 * the measured time count. Each client keeps one connection, or opens a new one for each mail (from a
 * loopback address of its own, 127.0.0.2, 127.0.0.3, …, so that the connections left in TIME_WAIT do
 * not use up one address's ephemeral ports); a transaction is then timed from the connect.
 */
final class SmtpLoad {
    /** What one server achieved: mails accepted in the measured time, their transaction times, the server's CPU. */
    record Figures(long accepted, Duration measured, Latencies transactions, double serverCpuPercent, List<Double> serverCpuPercents) {
        Figures {
            serverCpuPercents = List.copyOf(serverCpuPercents);
        }

        double perSecond() {
            return accepted / (measured.toNanos() / 1e9);
        }
    }

    /** How long every client may take for its first 250 before the run fails. */
    private static final Duration FIRST_MAIL = Duration.ofSeconds(60);

    private SmtpLoad() {}

    /** The server the load goes to: its SMTP port and its CPU time so far (nanoseconds). */
    record Target(List<Integer> ports, List<LongSupplier> cpus) {
        Target {
            ports = List.copyOf(ports);
            cpus = List.copyOf(cpus);
        }

        Target(int port, LongSupplier cpuNanos) {
            this(List.of(port), List.of(cpuNanos));
        }

        static Target of(HostProcess host) {
            return new Target(host.port("smtp"), host::cpuNanos);
        }

        /** The nodes of a cluster: client c sends to node c mod n; the CPU of each node apart. */
        static Target of(List<HostProcess> nodes) {
            return new Target(nodes.stream().map(node -> node.port("smtp")).toList(),
                    nodes.stream().<LongSupplier>map(node -> node::cpuNanos).toList());
        }

        int port(int client) {
            return ports.get(client % ports.size());
        }
    }

    static Figures run(Target host, IngestOptions options, IngestOptions.Connections connections, List<String> recipients)
            throws InterruptedException {
        byte[][] mails = new byte[recipients.size()][];
        for (int i = 0; i < mails.length; i++) {
            mails[i] = TestMail.of("sender@bench.example", recipients.get(i), "ingest " + i, options.mailBytes());
        }
        // The window opens once every client has had a 250 and the warm-up has passed: on a loaded
        // machine a server's first transactions can take longer than a short window.
        var start = new AtomicLong(Long.MAX_VALUE);
        var end = new AtomicLong(Long.MAX_VALUE);
        var ready = new CountDownLatch(options.clients());
        List<Thread> threads = new ArrayList<>();
        List<Latencies> perClient = new ArrayList<>();
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        for (int c = 0; c < options.clients(); c++) {
            int client = c;
            var latencies = new Latencies();
            perClient.add(latencies);
            InetAddress source = connections == IngestOptions.Connections.PERSISTENT ? InetAddress.getLoopbackAddress()
                    : SourceAddresses.address(c + 1);
            threads.add(Thread.ofPlatform().name("smtp-client-" + c).start(() -> {
                SmtpClient persistent = null;
                try {
                    for (int i = client; ; i += options.clients()) {
                        long begun = System.nanoTime();
                        if (begun >= end.get()) {
                            return;
                        }
                        int r = i % recipients.size();
                        SmtpClient.Sent sent;
                        if (connections == IngestOptions.Connections.PERSISTENT) {
                            if (persistent == null) {
                                persistent = new SmtpClient(host.port(client), source);
                            }
                            sent = persistent.send("sender@bench.example", recipients.get(r), mails[r]);
                        } else {
                            try (var smtp = new SmtpClient(host.port(client), source)) {
                                sent = smtp.send("sender@bench.example", recipients.get(r), mails[r]);
                            }
                        }
                        if (i == client) {
                            ready.countDown();
                        }
                        if (begun >= start.get() && sent.accepted() <= end.get()) {
                            latencies.add(sent.accepted() - begun);
                        }
                    }
                } catch (RuntimeException e) {
                    failure.compareAndSet(null, e);
                    end.set(0);
                } finally {
                    if (persistent != null) {
                        persistent.close();
                    }
                }
            }));
        }
        if (!ready.await(FIRST_MAIL.toMillis(), TimeUnit.MILLISECONDS) && failure.get() == null) {
            failure.set(new IllegalStateException("a client had no 250 within " + FIRST_MAIL.toSeconds() + " s"));
        }
        if (failure.get() == null) {
            Thread.sleep(options.warmup().toMillis());
        }
        start.set(System.nanoTime());
        end.compareAndSet(Long.MAX_VALUE, start.get() + options.duration().toNanos());
        if (failure.get() != null) {
            end.set(0);
        }
        long[] cpuBefore = host.cpus().stream().mapToLong(LongSupplier::getAsLong).toArray();
        long wallBefore = System.nanoTime();
        Thread.sleep(Math.max(0, (end.get() - System.nanoTime()) / 1_000_000));
        long[] cpuAfter = host.cpus().stream().mapToLong(LongSupplier::getAsLong).toArray();
        long wallAfter = System.nanoTime();
        for (Thread thread : threads) {
            thread.join();
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        var all = new Latencies();
        perClient.forEach(l -> l.forEach(all::add));
        List<Double> cpuPercents = new ArrayList<>();
        for (int n = 0; n < cpuBefore.length; n++) {
            cpuPercents.add(100.0 * (cpuAfter[n] - cpuBefore[n]) / (wallAfter - wallBefore));
        }
        return new Figures(all.count(), options.duration(), all, cpuPercents.stream().mapToDouble(Double::doubleValue).sum(), cpuPercents);
    }
}
