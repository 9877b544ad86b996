package org.mailpush.app;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real mailpush server in a process of its own, started as {@code mailpush serve} on ephemeral ports,
 * which a test can stop, or kill with SIGKILL as a crash would.
 */
final class ServerProcess implements AutoCloseable {
    private static final Pattern SMTP = Pattern.compile("\\s+SMTP\\s+\\S+:(\\d+).*");
    private static final Pattern HTTP = Pattern.compile("\\s+HTTP\\s+http://[^:]+:(\\d+).*");
    private static final Duration START_PATIENCE = Duration.ofSeconds(60);

    private final Process process;
    private final int smtpPort;
    private final int httpPort;

    private ServerProcess(Process process, int smtpPort, int httpPort) {
        this.process = process;
        this.smtpPort = smtpPort;
        this.httpPort = httpPort;
    }

    /** Starts {@code mailpush serve} on the data directory with these settings; returns once it listens. */
    static ServerProcess start(Path data, Map<String, String> settings) {
        return start(data, settings, List.of());
    }

    /** As {@link #start(Path, Map)}, the server's command run by {@code wrapper} (a tracer, say). */
    static ServerProcess start(Path data, Map<String, String> settings, List<String> wrapper) {
        List<String> command = new ArrayList<>(wrapper);
        command.addAll(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "org.mailpush.cli.MailpushCommand", "serve", "--data-dir", data.toString(),
                "-s", "smtp.port=0", "-s", "http.port=0"));
        settings.forEach((key, value) -> command.addAll(List.of("-s", key + "=" + value)));
        Path log = data.resolveSibling(data.getFileName() + ".log");
        try {
            Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            int[] ports = CompletableFuture.supplyAsync(() -> ports(process, log))
                    .orTimeout(START_PATIENCE.toSeconds(), TimeUnit.SECONDS)
                    .join();
            return new ServerProcess(process, ports[0], ports[1]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int[] ports(Process process, Path log) {
        var reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        int smtp = -1;
        int http = -1;
        try {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                Matcher s = SMTP.matcher(line);
                Matcher h = HTTP.matcher(line);
                if (s.matches()) {
                    smtp = Integer.parseInt(s.group(1));
                } else if (h.matches()) {
                    http = Integer.parseInt(h.group(1));
                }
                if (smtp > 0 && http > 0) {
                    return new int[] {smtp, http};
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException("the server closed its output before it listened; the end of its log:\n" + tail(log));
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }

    int smtpPort() {
        return smtpPort;
    }

    int httpPort() {
        return httpPort;
    }

    /** Runs {@code jcmd} against the server's JVM (a wrapped server's, when wrapped); returns what it printed. */
    synchronized String jcmd(String... arguments) {
        long pid = process.descendants().findFirst().map(ProcessHandle::pid).orElse(process.pid());
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(pid)));
        command.addAll(List.of(arguments));
        try {
            Process jcmd = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (jcmd.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running jcmd", e);
        }
    }

    /** Kills the server as a crash would: SIGKILL, no shutdown hook runs. */
    void kill() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        await();
    }

    /** Stops the server the way an operator does (SIGTERM); a wrapped server first, then its wrapper exits with it. */
    @Override
    public void close() {
        List<ProcessHandle> wrapped = process.descendants().toList();
        if (wrapped.isEmpty()) {
            process.destroy();
        } else {
            wrapped.forEach(ProcessHandle::destroy);
        }
        await();
    }

    private void await() {
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
