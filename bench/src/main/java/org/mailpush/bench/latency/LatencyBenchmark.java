package org.mailpush.bench.latency;

import java.util.ArrayList;
import java.util.List;
import org.mailpush.bench.load.Latencies;
import org.mailpush.bench.peers.PeerServers;
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
    public static final String PEERS_ANNOUNCED = "IMAP IDLE (Postfix → LMTP → Dovecot): EXISTS announced";
    public static final String PEERS_FETCHED = "IMAP IDLE (Postfix → LMTP → Dovecot): mail fetched";
    public static final String RATIOS = "same-run ratios of latency from the end of the mail's data (peer / mailpush, heartbeat mode)";
    public static final String POSTFIX_OVER_MAILPUSH = "Postfix → Dovecot, IDLE, fetched / mailpush";
    public static final String GREENMAIL_OVER_MAILPUSH = "GreenMail, IDLE, fetched / mailpush";
    public static final String HINTED = "with hints: %d terminals, %d a user, policy \"in use\", hints to the others (ms)";
    public static final String STAGES = "with hints: each mail's time in the server's stages, from its DEBUG log (ms)";
    public static final String CLOSED_FULL = "one at a time: FULL at the terminal in use, from the 250";
    public static final String CLOSED_HINT = "one at a time: HINT at each other terminal, from the 250";
    public static final String OPEN_FULL_DUE = "open loop: FULL, from the time it was due to be sent";
    public static final String OPEN_FULL = "open loop: FULL, from the 250";
    public static final String OPEN_HINT_DUE = "open loop: HINT, from the time it was due to be sent";
    public static final String OPEN_HINT = "open loop: HINT, from the 250";
    public static final String OPEN_SMTP = "open loop: SMTP, due to 250";
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
        ImapIdleLatency.Figures peers = options.peerMails() == 0 ? null : peers(options, result);
        Latencies echo = new EchoLatency(options).run();
        HintedLatency.Outcome hinted = options.hinted().terminals() == 0 ? null : new HintedLatency(options).run();

        var fromData = mailpush.heartbeat().fromData().summary();
        List<Table.Row> ratios = new ArrayList<>();
        if (peers != null) {
            ratios.add(ratio(POSTFIX_OVER_MAILPUSH, peers.fetchedFromData().summary(), fromData));
        }
        ratios.add(ratio(GREENMAIL_OVER_MAILPUSH, idle.fetchedFromData().summary(), fromData));
        result.table(new Table(RATIOS, List.of("ratio", "p50", "p99"), ratios));

        List<Table.Row> from250 = new ArrayList<>(List.of(
                row(HEARTBEAT, mailpush.heartbeat().from250()),
                row(PROBE, mailpush.probe().from250()),
                row(AFTER_ANSWERS, mailpush.probe().afterAnswers()),
                row(IDLE_ANNOUNCED, idle.announced()),
                row(IDLE_FETCHED, idle.fetched())));
        List<Table.Row> fromDataRows = new ArrayList<>(List.of(
                row(HEARTBEAT, mailpush.heartbeat().fromData()),
                row(PROBE, mailpush.probe().fromData()),
                row(IDLE_FETCHED, idle.fetchedFromData())));
        if (peers != null) {
            from250.add(row(PEERS_ANNOUNCED, peers.announced()));
            from250.add(row(PEERS_FETCHED, peers.fetched()));
            fromDataRows.add(row(PEERS_FETCHED, peers.fetchedFromData()));
        }
        from250.add(row(ECHO, echo));
        result.table(new Table(TABLE, COLUMNS, from250));
        result.table(new Table(FROM_DATA, COLUMNS, fromDataRows));

        if (hinted != null) {
            hinted(options, hinted, result);
        }

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

    private static void hinted(LatencyOptions options, HintedLatency.Outcome hinted, Result.Builder result) {
        var closed = hinted.closed();
        var open = hinted.open();
        result.parameter("with hints: terminals", hinted.terminals());
        result.parameter("with hints: terminals per user", options.hinted().perUser());
        result.parameter("with hints: open-loop rate (mails/s)", options.hinted().rate());
        result.table(new Table(String.format(HINTED, hinted.terminals(), options.hinted().perUser()), COLUMNS, List.of(
                row(CLOSED_FULL, closed.fullFrom250()),
                row(CLOSED_HINT, closed.hintsFrom250()),
                row(OPEN_FULL_DUE, open.full()),
                row(OPEN_FULL, open.fullFrom250()),
                row(OPEN_HINT_DUE, open.hints()),
                row(OPEN_HINT, open.hintsFrom250()),
                row(OPEN_SMTP, open.transactions()))));
        List<Table.Row> stages = new ArrayList<>();
        for (var loop : List.of(closed, open)) {
            String name = loop == closed ? "one at a time: " : "open loop: ";
            var s = loop.stages();
            stages.add(row(name + "store (before the 250)", s.store()));
            stages.add(row(name + "queued for routing", s.queued()));
            stages.add(row(name + "plan (reads and decision)", s.plan()));
            stages.add(row(name + "keep (plan and deliveries)", s.keep()));
            stages.add(row(name + "push (to every terminal)", s.push()));
        }
        result.table(new Table(STAGES, COLUMNS, stages));
        String size = hinted.terminals() >= TARGET_TERMINALS ? "" : "at " + hinted.terminals() + " terminals, not " + TARGET_TERMINALS;
        result.target(Target.atMost("with hints, open loop: FULL p50 from the 250", 2, open.fullFrom250().summary().p50(), "ms", size));
        result.target(Target.atMost("with hints, open loop: FULL p99 from the 250", 10, open.fullFrom250().summary().p99(), "ms", size));
        result.target(Target.atMost("with hints, open loop: HINT p50 from the 250", 3, open.hintsFrom250().summary().p50(), "ms", size));
        for (var loop : List.of(closed, open)) {
            if (loop.lost() > 0) {
                result.note("with hints, " + (loop == closed ? "one at a time" : "open loop") + ": " + loop.lost()
                        + " mails did not reach all their user's terminals within " + options.patience().toSeconds() + " s");
            }
        }
    }

    private static ImapIdleLatency.Figures peers(LatencyOptions options, Result.Builder result) throws InterruptedException {
        try (var peers = PeerServers.start(options.workspace().log("latency-peers"))) {
            var figures = new ImapIdleLatency(options).run(peers, Math.max(1, options.peerMails() / 10), options.peerMails());
            result.parameter("peers", peers.postfix() + ", " + peers.dovecot());
            result.parameter("mails through the peers", options.peerMails());
            if (figures.unannounced() > 0) {
                result.note("Postfix → Dovecot: " + figures.unannounced() + " mails were not announced within "
                        + options.patience().toSeconds() + " s, fetched and not timed");
            }
            return figures;
        }
    }

    private static Table.Row ratio(String name, Latencies.Summary peer, Latencies.Summary mailpush) {
        return Table.Row.of(name, peer.p50() / mailpush.p50(), peer.p99() / mailpush.p99());
    }

    private static Table.Row row(String way, Latencies latencies) {
        var s = latencies.summary();
        List<Double> values = new ArrayList<>(List.of(s.p50(), s.p90(), s.p99(), s.max(), (double) s.count()));
        return new Table.Row(way, values);
    }
}
