package org.mailpush.bench.latency;

import java.util.ArrayList;
import java.util.List;
import org.mailpush.bench.load.Latencies;
import org.mailpush.bench.report.Result;
import org.mailpush.bench.report.Table;
import org.mailpush.bench.report.Target;

/** The end-to-end latency benchmark: mailpush in both modes, IMAP IDLE and the echo floor, one after the other. */
public final class LatencyBenchmark {
    public static final String TABLE = "latency from the SMTP 250 to the terminal holding the mail (ms)";
    public static final String FROM_DATA = "latency from the end of the mail's data, durable store included (ms)";
    static final List<String> COLUMNS = List.of("way", "p50", "p90", "p99", "max", "mails");
    public static final String HEARTBEAT = "mailpush, heartbeat mode";
    public static final String PROBE = "mailpush, probe mode";
    public static final String AFTER_ANSWERS = "mailpush, probe mode, after the last probe answer";
    public static final String IDLE_ANNOUNCED = "IMAP IDLE (GreenMail): EXISTS announced";
    public static final String IDLE_FETCHED = "IMAP IDLE (GreenMail): mail fetched";
    public static final String ECHO = "floor: bare WebSocket echo round trip";
    private static final int TARGET_TERMINALS = 10_000;

    private LatencyBenchmark() {}

    public static Result run(LatencyOptions options) throws InterruptedException {
        var result = Result.begin("latency", "End-to-end push latency")
                .parameter("terminals", options.users() * options.devicesPerUser())
                .parameter("terminals per user", options.devicesPerUser())
                .parameter("mails per way", options.mails())
                .parameter("warm-up mails", options.warmup())
                .parameter("mail size (bytes)", options.mailBytes());
        if (!options.workspace().serverSettings().isEmpty()) {
            result.parameter("mailpush settings", String.join(" ", options.workspace().serverSettings()));
        }
        MailpushLatency.Figures mailpush = new MailpushLatency(options).run();
        ImapIdleLatency.Figures idle = new ImapIdleLatency(options).run();
        Latencies echo = new EchoLatency(options).run();

        result.table(new Table(TABLE, COLUMNS, List.of(
                row(HEARTBEAT, mailpush.heartbeat().from250()),
                row(PROBE, mailpush.probe().from250()),
                row(AFTER_ANSWERS, mailpush.probe().afterAnswers()),
                row(IDLE_ANNOUNCED, idle.announced()),
                row(IDLE_FETCHED, idle.fetched()),
                row(ECHO, echo))));
        result.table(new Table(FROM_DATA, COLUMNS, List.of(
                row(HEARTBEAT, mailpush.heartbeat().fromData()),
                row(PROBE, mailpush.probe().fromData()),
                row(IDLE_FETCHED, idle.fetchedFromData()))));

        int terminals = mailpush.connected().welcomed();
        String size = terminals >= TARGET_TERMINALS ? "" : "at " + terminals + " terminals, not " + TARGET_TERMINALS;
        var heartbeat = mailpush.heartbeat().from250().summary();
        result.target(Target.atMost("heartbeat p50 at 10 000 terminals", 2, heartbeat.p50(), "ms", size));
        result.target(Target.atMost("heartbeat p99 at 10 000 terminals", 10, heartbeat.p99(), "ms", size));
        result.target(Target.atMost("probe p99 after the last answer", 10, mailpush.probe().afterAnswers().summary().p99(), "ms", size));

        if (idle.unannounced() > 0) {
            result.note("IMAP IDLE: " + idle.unannounced() + " mails were not announced while idling (a GreenMail race), fetched and not timed");
        }
        result.note("terminals connected in " + Math.round(mailpush.connected().took().toMillis() / 1000.0) + " s");
        for (var mode : List.of(mailpush.heartbeat(), mailpush.probe())) {
            String name = mode == mailpush.heartbeat() ? "heartbeat" : "probe";
            if (mode.lost() > 0) {
                result.note(name + " mode: " + mode.lost() + " mails did not arrive within " + options.patience().toSeconds() + " s");
            }
            if (mode.elsewhere() > 0) {
                result.note(name + " mode: " + mode.elsewhere() + " mails first reached a terminal other than the one in use");
            }
        }
        return result.build();
    }

    private static Table.Row row(String way, Latencies latencies) {
        var s = latencies.summary();
        List<Double> values = new ArrayList<>(List.of(s.p50(), s.p90(), s.p99(), s.max(), (double) s.count()));
        return new Table.Row(way, values);
    }
}
