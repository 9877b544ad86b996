package org.mailpush.bench.host;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A {@link ServerHost} running in a JVM of its own, started with this JVM's class path. Its log
 * (stderr) goes to a file, named in every failure.
 */
public final class HostProcess implements AutoCloseable {
    private static final Duration START_PATIENCE = Duration.ofMinutes(2);
    private static final Duration STATS_PATIENCE = Duration.ofMinutes(2);

    private final Process process;
    private final Path log;
    private final PrintStream commands;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final Map<String, Integer> ports = new HashMap<>();

    private HostProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
        this.commands = new PrintStream(process.getOutputStream(), true, StandardCharsets.UTF_8);
        Thread.ofPlatform().daemon().name("host-" + process.pid() + "-stdout").start(this::readLines);
    }

    /**
     * Starts a server and waits until it is ready.
     *
     * @param javaOptions options for its JVM, e.g. {@code -Xmx2g} or a flight recording
     * @param log         where its log goes
     */
    public static HostProcess start(List<String> javaOptions, Path log, String kind, List<String> arguments) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(javaOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(ServerHost.class.getName());
        command.add(kind);
        command.addAll(arguments);
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
            var builder = new ProcessBuilder(command).redirectError(log.toFile());
            builder.environment().keySet().removeIf(name -> name.startsWith("MAILPUSH_") && !name.equals("MAILPUSH_LOG_LEVEL"));
            HostProcess host = new HostProcess(builder.start(), log);
            host.awaitReady();
            return host;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the " + kind + " server: " + e.getMessage(), e);
        }
    }

    private void readLines() {
        try (var reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lines.add(line);
            }
        } catch (IOException e) {
            // The process ended; whoever waits for a line learns it from the timeout and the log.
        }
    }

    private void awaitReady() {
        String ready = next("READY", START_PATIENCE);
        fields(ready).forEach((name, port) -> ports.put(name, Integer.parseInt(port)));
    }

    /** The port of one of its listeners: smtp, http or imap. */
    public int port(String name) {
        Integer port = ports.get(name);
        if (port == null) {
            throw new IllegalArgumentException("the server has no " + name + " port, only " + ports.keySet());
        }
        return port;
    }

    public long pid() {
        return process.pid();
    }

    public Path log() {
        return log;
    }

    /** Its resources now; makes it collect garbage (see {@link HostStats}). */
    public HostStats stats() {
        commands.println("STATS");
        return HostStats.parse(next("STATS", STATS_PATIENCE));
    }

    /** Its CPU time so far, in nanoseconds; cheap, and without a collection. */
    public long cpuNanos() {
        commands.println("CPU");
        return Long.parseLong(fields(next("CPU", STATS_PATIENCE)).get("cpu"));
    }

    private String next(String prefix, Duration patience) {
        long deadline = System.nanoTime() + patience.toNanos();
        try {
            while (true) {
                String line = lines.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (line == null) {
                    String state = process.isAlive() ? "did not answer within " + patience : "ended with status " + process.exitValue();
                    throw new IllegalStateException("the server process " + state + "; its log: " + log + "\n" + tail());
                }
                if (line.startsWith(prefix + " ")) {
                    return line;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the server process", e);
        }
    }

    private String tail() {
        try {
            List<String> all = Files.readAllLines(log);
            return String.join("\n", all.subList(Math.max(0, all.size() - 20), all.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    /** The {@code name=value} fields of a line after its first word. */
    static Map<String, String> fields(String line) {
        Map<String, String> fields = new HashMap<>();
        for (String part : line.substring(line.indexOf(' ') + 1).split(" ")) {
            int equals = part.indexOf('=');
            if (equals > 0) {
                fields.put(part.substring(0, equals), part.substring(equals + 1));
            }
        }
        return fields;
    }

    /** Asks it to stop, waits a while, then ends it. */
    @Override
    public void close() {
        commands.println("QUIT");
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
