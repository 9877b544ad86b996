package org.mailpush.bench.capacity;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.mailpush.bench.host.HostProcess;
import org.mailpush.bench.host.HostStats;
import org.mailpush.bench.load.Population;
import org.mailpush.bench.load.SourceAddresses;
import org.mailpush.bench.load.Terminal;
import org.mailpush.bench.load.TerminalFleet;
import org.mailpush.bench.report.Result;
import org.mailpush.bench.report.Table;
import org.mailpush.bench.report.Target;
import org.mailpush.presence.Proximity;
import org.mailpush.presence.UsageReport;
import org.mailpush.protocol.TerminalMessage;

/**
 * The capacity benchmark: connects idle terminals (on, nobody near) to one server, weighs the server
 * before and after, and measures its CPU with the terminals silent and then reporting at the
 * heartbeat interval — after a window of reports unmeasured, in which the JIT compiler compiles the
 * report's path (it took most of the first window's CPU), and with the compiler's and the garbage
 * collector's shares of the measured window told apart.
 */
public final class CapacityBenchmark {
    public static final String TABLE = "idle terminals on one server";
    public static final List<String> COLUMNS = List.of("figure", "value");
    public static final String HELD = "terminals held";
    public static final String HEAP = "heap per terminal (KiB)";
    public static final String RSS = "resident memory per terminal (KiB)";
    public static final String CPU_IDLE = "CPU, terminals silent (% of one core)";
    public static final String CPU_HEARTBEAT = "CPU, terminals reporting every heartbeat (% of one core)";
    public static final String CPU_PER_REPORT = "CPU per heartbeat report, less the silent CPU (ms)";
    public static final String CPU_PER_REPORT_COMPILED = "the same without the JIT compiler's threads (ms)";
    /** File descriptors each process keeps for itself besides the connections. */
    private static final int SPARE_FILES = 400;
    private static final int TARGET_TERMINALS = 100_000;
    private static final double TARGET_MS_PER_REPORT = 0.1;
    private static final double KIB = 1024;
    private static final double MIB = 1024 * 1024;

    private CapacityBenchmark() {}

    public static Result run(CapacityOptions options) throws InterruptedException {
        var result = Result.begin("capacity", "Connection capacity");
        Path data = options.workspace().data("capacity");
        try (HostProcess host = options.workspace().start("capacity-mailpush", "mailpush",
                List.of("data-dir=" + data, "smtp.port=0", "http.port=0", "link.heartbeat=" + options.heartbeat().toSeconds() + "s"))) {
            int users = fitting(options.terminals(), host.stats(), result) / options.devicesPerUser();
            int terminals = users * options.devicesPerUser();
            parameters(result, options, terminals);
            var answered = new Answers();
            List<Terminal> idle = idleTerminals(Population.enrol(host.port("http"), data, users, options.devicesPerUser(), 32), answered);
            try (var fleet = new TerminalFleet(new SourceAddresses(options.connectionsPerAddress()), 2)) {
                var measured = measure(host, fleet, idle, options, answered);
                report(result, measured, options, answered.closed.get());
            }
        }
        return result.build();
    }

    private static void parameters(Result.Builder result, CapacityOptions options, int terminals) {
        result.parameter("terminals", terminals).parameter("terminals per user", options.devicesPerUser())
                .parameter("heartbeat", options.heartbeat().toSeconds() + " s")
                .parameter("CPU measured (s)", options.window().toSeconds())
                .parameter("source addresses", new SourceAddresses(options.connectionsPerAddress()).count(terminals));
        if (!options.workspace().serverSettings().isEmpty()) {
            result.parameter("mailpush settings", String.join(" ", options.workspace().serverSettings()));
        }
    }

    /** Terminals that are on, with nobody near. */
    private static List<Terminal> idleTerminals(List<Population.Member> members, Answers answered) {
        List<Terminal> terminals = new ArrayList<>();
        for (var member : members) {
            for (var device : member.devices()) {
                terminals.add(new Terminal(member.user(), device.device(), device.token(),
                        now -> UsageReport.on(now).withProximity(Proximity.AWAY), answered));
            }
        }
        return terminals;
    }

    /** What one run measured: the two rounds of connections, the weighings, the CPU silent and with heartbeats. */
    private record Measured(TerminalFleet.Outcome warm, TerminalFleet.Outcome rest, Weighed weighed, HostStats after, Window silent,
            Window reporting, double reportsPerSecond) {
        /** Milliseconds of CPU per report above what the silent server used. */
        double perReport() {
            return reportsPerSecond == 0 ? Double.NaN : 10 * (reporting.cpu - silent.cpu) / reportsPerSecond;
        }

        /** The same without the JIT compiler's threads, whose work ends once the server is warm. */
        double perReportCompiled() {
            return reportsPerSecond == 0 ? Double.NaN
                    : 10 * (reporting.cpu - reporting.compiler - silent.cpu + silent.compiler) / reportsPerSecond;
        }
    }

    /** A window's CPU, in % of one core: the whole server's, and its JIT compiler's and garbage collector's share. */
    private record Window(double cpu, double compiler, double collector) {}

    private static Measured measure(HostProcess host, TerminalFleet fleet, List<Terminal> terminals, CapacityOptions options,
            Answers answered) throws InterruptedException {
        URI link = URI.create("ws://127.0.0.1:" + host.port("http") + "/api/link");
        // The first tenth pays for what the first connections bring up (classes, pools, compiled code);
        // the rest, weighed against it, is what each further terminal costs.
        int perUser = options.devicesPerUser();
        int first = Math.max(perUser, terminals.size() / 10 / perUser * perUser);
        var warm = connect(fleet, link, terminals.subList(0, first), options, answered);
        HostStats before = host.stats();
        var rest = connect(fleet, link, terminals.subList(first, terminals.size()), options, answered);
        HostStats connected = host.stats();
        Window silent = window(host, options.window());
        var heartbeats = new Heartbeats(fleet.connected(), options.heartbeat());
        heartbeats.start();
        Thread.sleep(options.window().toMillis()); // the compiler's window
        long sentBefore = heartbeats.sent();
        Window reporting = window(host, options.window());
        long sent = heartbeats.stop() - sentBefore;
        return new Measured(warm, rest, new Weighed(before, connected, rest.welcomed()), host.stats(), silent, reporting,
                sent / (double) options.window().toSeconds());
    }

    /** The server's CPU over the next {@code length}, the whole process's and its compiler's and collector's. */
    private static Window window(HostProcess host, Duration length) throws InterruptedException {
        long cpu = host.cpuNanos();
        ThreadCpu threads = ThreadCpu.of(host.pid());
        long wall = System.nanoTime();
        Thread.sleep(length.toMillis());
        ThreadCpu used = ThreadCpu.of(host.pid()).since(threads);
        double nanos = System.nanoTime() - wall;
        return new Window(100 * (host.cpuNanos() - cpu) / nanos, 100 * used.compilerNanos() / nanos, 100 * used.collectorNanos() / nanos);
    }

    private static void report(Result.Builder result, Measured measured, CapacityOptions options, int closed) {
        int held = measured.warm().welcomed() + measured.rest().welcomed() - closed;
        table(result, held, measured);
        result.target(Target.atLeast("idle terminals held by one server", TARGET_TERMINALS, held, "terminals",
                held < options.terminals() ? "limited as the notes say" : ""));
        result.target(Target.atMost("resident memory per idle terminal", 16, measured.weighed().rss(), "KiB",
                held >= TARGET_TERMINALS ? "" : "at " + held + " terminals"));
        result.target(Target.atMost("CPU per heartbeat report", TARGET_MS_PER_REPORT, measured.perReportCompiled(), "ms",
                "once compiled"));
        if (closed > 0) {
            result.note(closed + " terminals were disconnected during the run");
        }
        for (var round : List.of(measured.warm(), measured.rest())) {
            if (round.failed() > 0) {
                result.note(round.failed() + " terminals could not connect, e.g. " + round.firstFailures());
            }
        }
    }

    /** The terminals that fit both processes' open-file limits. */
    private static int fitting(int wanted, HostStats server, Result.Builder result) {
        var own = (com.sun.management.UnixOperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long limit = Math.min(server.maxOpenFiles(), own.getMaxFileDescriptorCount()) - SPARE_FILES;
        if (wanted <= limit) {
            return wanted;
        }
        result.note("asked for " + wanted + " terminals but the open-file limit (ulimit -n: " + server.maxOpenFiles()
                + " for the server, " + own.getMaxFileDescriptorCount() + " here) holds " + limit
                + "; raise it (ulimit -Hn, as root) to measure more");
        return (int) Math.max(1, limit);
    }

    /** Connects terminals; each then reports its state once, and the answer to a policy.get after it says the server has it. */
    private static TerminalFleet.Outcome connect(TerminalFleet fleet, URI link, List<Terminal> terminals, CapacityOptions options,
            Answers answered) throws InterruptedException {
        var outcome = fleet.connect(link, terminals, options.inFlight(), Duration.ofMinutes(2));
        var connected = terminals.stream().filter(t -> t.welcomed().isDone() && !t.welcomed().isCompletedExceptionally()).toList();
        answered.await(connected.size(), () -> connected.forEach(t -> {
            t.reportState();
            t.send(new TerminalMessage.PolicyGet());
        }));
        return outcome;
    }

    /** What the terminals connected between two weighings cost each. */
    private record Weighed(HostStats before, HostStats after, int terminals) {
        double heap() {
            return (after.heapBytes() - before.heapBytes()) / KIB / Math.max(1, terminals);
        }

        double rss() {
            return (after.rssBytes() - before.rssBytes()) / KIB / Math.max(1, terminals);
        }
    }

    private static void table(Result.Builder result, int held, Measured measured) {
        Duration took = measured.warm().took().plus(measured.rest().took());
        Weighed weighed = measured.weighed();
        Window silent = measured.silent();
        Window reporting = measured.reporting();
        result.table(new Table(TABLE, COLUMNS, List.of(
                Table.Row.of(HELD, (double) held),
                Table.Row.of("seconds to connect them", took.toMillis() / 1000.0),
                Table.Row.of(HEAP, weighed.heap()),
                Table.Row.of(RSS, weighed.rss()),
                Table.Row.of("server heap, live, with the terminals (MiB)", weighed.after().heapBytes() / MIB),
                Table.Row.of("server resident memory with the terminals (MiB)", weighed.after().rssBytes() / MIB),
                Table.Row.of("server threads with the terminals", (double) weighed.after().threads()),
                Table.Row.of(CPU_IDLE, silent.cpu()),
                Table.Row.of("  of it the JIT compiler's, silent", silent.compiler()),
                Table.Row.of(CPU_HEARTBEAT, reporting.cpu()),
                Table.Row.of("  of it the JIT compiler's, reporting", reporting.compiler()),
                Table.Row.of("  of it the garbage collector's, reporting", reporting.collector()),
                Table.Row.of("heartbeats a second", measured.reportsPerSecond()),
                Table.Row.of(CPU_PER_REPORT, measured.perReport()),
                Table.Row.of(CPU_PER_REPORT_COMPILED, measured.perReportCompiled()),
                Table.Row.of("server resident memory at the end (MiB)", measured.after().rssBytes() / MIB))));
        result.note("memory per terminal is weighed over the last nine tenths of the terminals, after full collections:"
                + " the first tenth brings up what any number of connections needs");
        result.note("the CPU with heartbeats is measured after as long again of heartbeats unmeasured, in which the JIT compiler"
                + " compiles the report's path");
    }

    /** Counts the answers to policy.get, and connections the server closed. */
    private static final class Answers implements Terminal.Events {
        private volatile CountDownLatch answers = new CountDownLatch(0);
        final AtomicInteger closed = new AtomicInteger();

        void await(int count, Runnable action) throws InterruptedException {
            answers = new CountDownLatch(count);
            action.run();
            if (!answers.await(Math.max(60_000, count * 10L), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException(answers.getCount() + " of " + count + " terminals got no answer");
            }
        }

        @Override
        public void policy(Terminal terminal) {
            answers.countDown();
        }

        @Override
        public void closed(Terminal terminal, int code) {
            closed.incrementAndGet();
        }
    }
}
