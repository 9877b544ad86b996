package org.mailpush.agent.command;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A program and its arguments, run without a shell. {@link #output} gives what it printed when it
 * exited with status 0 in time; every other outcome — not installed, failed, too slow — is empty
 * (and a debug line): the caller decides whether a missing reading matters.
 */
public record ExternalCommand(List<String> argv, Duration timeout) {
    private static final Logger LOG = LoggerFactory.getLogger(ExternalCommand.class);
    private static final int MAX_OUTPUT = 64 * 1024;

    public ExternalCommand {
        argv = List.copyOf(argv);
        Objects.requireNonNull(timeout, "timeout");
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("a command needs a program");
        }
    }

    /** The same command with more arguments. */
    public ExternalCommand with(String... arguments) {
        List<String> longer = new ArrayList<>(argv);
        longer.addAll(List.of(arguments));
        return new ExternalCommand(longer, timeout);
    }

    /** Runs it; its standard output when it exits with status 0 within the timeout. */
    public Optional<String> output() {
        Process process;
        try {
            process = new ProcessBuilder(argv).redirectError(ProcessBuilder.Redirect.DISCARD)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        } catch (IOException e) {
            LOG.debug("cannot run {}: {}", argv.getFirst(), e.getMessage());
            return Optional.empty();
        }
        try {
            return finished(process, CompletableFuture.supplyAsync(() -> read(process.getInputStream()), Thread.ofVirtual()::start));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } finally {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }

    private Optional<String> finished(Process process, CompletableFuture<String> out) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            LOG.debug("{} took longer than {}", argv.getFirst(), timeout);
            return Optional.empty();
        }
        if (process.exitValue() != 0) {
            LOG.debug("{} exited with status {}", argv.getFirst(), process.exitValue());
            return Optional.empty();
        }
        try {
            return Optional.of(out.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
        } catch (ExecutionException | TimeoutException e) {
            return Optional.empty();
        }
    }

    /** Starts it for a long run, its output read by the caller: a monitor such as {@code gdbus monitor}. */
    public Process start() throws IOException {
        return new ProcessBuilder(argv).redirectError(ProcessBuilder.Redirect.DISCARD)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
    }

    /**
     * Starts it with its standard input left open and its output discarded, for a process that holds
     * something while it runs — such as {@code systemd-inhibit … cat} — and ends when the agent
     * destroys it or dies (its input closes).
     */
    public Process startHoldingInput() throws IOException {
        return new ProcessBuilder(argv).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }

    /** The program's name or path. */
    public String program() {
        return argv.getFirst();
    }

    private static String read(InputStream in) {
        try (in) {
            byte[] bytes = in.readNBytes(MAX_OUTPUT);
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public String toString() {
        return String.join(" ", argv);
    }
}
