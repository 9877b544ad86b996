package org.mailpush.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * SPEC X1, as Postfix means durable: the server answers a mail's data with 250 only after the mail
 * is on stable storage. The server runs under {@code strace -f}, which records in one order every
 * thread's writes, sends and syncs; four SMTP clients send mail at once. For every mail, the trace
 * must show its journal record written, then a sync of that journal file begun and finished, and only
 * then the 250 on the client's connection. And the syncs are shared: fewer syncs than mails.
 */
class SyncOrderIT {
    private static final int CLIENTS = 4;
    private static final int MAILS_PER_CLIENT = 25;
    private static final Pattern ID = Pattern.compile("<order-\\d+-\\d+@sync\\.test>");
    /** A traced line: pid, then a call begun (maybe unfinished), or the rest of one resumed. */
    private static final Pattern BEGUN = Pattern.compile("^\\d+ +(\\w+)\\((\\d+)<((?:TCP|UDP)[^ ]*?\\]|[^>]*)>(.*)$");
    private static final Pattern RESUMED = Pattern.compile("^(\\d+) +<\\.\\.\\. (\\w+) resumed>.*$");
    private static final Pattern PID = Pattern.compile("^(\\d+) ");
    private static final Pattern PORTS = Pattern.compile(":(\\d+)->.*:(\\d+)\\]$");

    @TempDir
    Path directory;

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void noMailIsAnswered250BeforeItsJournalRecordWasSynced() throws Exception {
        Path data = directory.resolve("data");
        Path trace = directory.resolve("trace.txt");
        try (ServerProcess server = ServerProcess.start(data, Map.of())) {
            Admin.addUser(server.httpPort(), data, "alice", "alice@example.com");
        }
        List<String> strace = List.of("strace", "-f", "-qq", "-yy", "-s", "4096", "--seccomp-bpf", "-o", trace.toString(),
                "-e", "trace=write,writev,pwrite64,pwritev,sendto,sendmsg,fsync,fdatasync");
        Map<Integer, List<String>> sentByPort = new HashMap<>();
        try (ServerProcess server = ServerProcess.start(data, Map.of(), strace)) {
            ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
            List<Future<Map.Entry<Integer, List<String>>>> sent = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                int client = c;
                sent.add(clients.submit(() -> send(server.smtpPort(), client)));
            }
            for (Future<Map.Entry<Integer, List<String>>> result : sent) {
                Map.Entry<Integer, List<String>> entry = result.get();
                sentByPort.put(entry.getKey(), entry.getValue());
            }
            clients.shutdown();
        }

        List<Call> calls = calls(Files.readAllLines(trace));
        List<Call> syncs = calls.stream().filter(call -> call.name.contains("sync") && journal(call)).toList();
        int mails = 0;
        for (Map.Entry<Integer, List<String>> client : sentByPort.entrySet()) {
            List<Call> answers = dataReplies(calls, client.getKey());
            assertThat(answers).as("the 250s to the data on port %d", client.getKey()).hasSize(client.getValue().size());
            for (int m = 0; m < answers.size(); m++) {
                String id = client.getValue().get(m);
                Call answer = answers.get(m);
                Call record = calls.stream().filter(call -> journal(call) && !call.name.contains("sync") && call.text.contains(id))
                        .findFirst().orElseThrow(() -> new AssertionError("no journal record written for " + id));
                assertThat(syncs).as("a sync of %s after the record of %s (trace line %d) and before its 250 (line %d)",
                                record.file, id, record.end, answer.begin)
                        .anyMatch(sync -> sync.file.equals(record.file) && sync.begin > record.end && sync.end < answer.begin);
                mails++;
            }
        }
        assertThat(mails).isEqualTo(CLIENTS * MAILS_PER_CLIENT);
        assertThat(syncs.size()).as("syncs, shared between concurrent sessions").isLessThan(mails);
    }

    private static Map.Entry<Integer, List<String>> send(int port, int client) throws IOException {
        try (var sender = new SmtpSender(port)) {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < MAILS_PER_CLIENT; i++) {
                String id = "<order-" + client + "-" + i + "@sync.test>";
                assertThat(sender.send(id)).as("%s accepted", id).isTrue();
                ids.add(id);
            }
            return Map.entry(sender.localPort(), ids);
        }
    }

    /** The server's replies to each mail's data on the connection from the client's port: the 250 after each 354. */
    private static List<Call> dataReplies(List<Call> calls, int clientPort) {
        List<Call> answers = new ArrayList<>();
        boolean inData = false;
        for (Call call : calls) {
            Matcher ports = PORTS.matcher(call.file);
            if (!call.file.startsWith("TCP") || !ports.find()
                    || (Integer.parseInt(ports.group(1)) != clientPort && Integer.parseInt(ports.group(2)) != clientPort)) {
                continue;
            }
            if (call.text.startsWith(", \"354")) {
                inData = true;
            } else if (inData && call.text.startsWith(", \"250")) {
                answers.add(call);
                inData = false;
            }
        }
        return answers;
    }

    private static boolean journal(Call call) {
        return call.file.contains("/journal/segment-");
    }

    /**
     * The traced calls on files and sockets, each with the trace line where it began and the one
     * where it returned (the same when strace saw no other thread's call in between).
     */
    private static List<Call> calls(List<String> lines) {
        List<Call> calls = new ArrayList<>();
        Map<String, Call> unfinished = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            Matcher begun = BEGUN.matcher(line);
            Matcher resumed = RESUMED.matcher(line);
            if (begun.matches()) {
                var call = new Call(begun.group(1), begun.group(3), begun.group(4), i);
                calls.add(call);
                if (line.endsWith("<unfinished ...>")) {
                    Matcher pid = PID.matcher(line);
                    pid.find();
                    unfinished.put(pid.group(1), call);
                } else {
                    call.end = i;
                }
            } else if (resumed.matches()) {
                Call call = unfinished.remove(resumed.group(1));
                if (call != null) {
                    call.end = i;
                }
            }
        }
        return calls;
    }

    /** A traced call on a file descriptor: what it was, the file or socket, the rest of its arguments. */
    private static final class Call {
        final String name;
        final String file;
        final String text;
        final int begin;
        int end = Integer.MAX_VALUE;

        Call(String name, String file, String text, int begin) {
            this.name = name;
            this.file = file;
            this.text = text;
            this.begin = begin;
        }
    }
}
