package org.mailpush.bench.peers;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Postfix and Dovecot from Debian's packages, installed when missing (apt-get; needs root) and
 * started with configurations of their own in a private directory, on free loopback ports: Postfix
 * takes mail for any user of {@code bench.example} on {@link #smtpPort()}, queues it (its queue
 * file fsynced before the 250) and delivers it over LMTP to Dovecot, which keeps it in a maildir and
 * serves it on {@link #imapPort()} (any user; password {@link #PASSWORD}). {@link #close()} stops both.
 * The work is done by the {@code peer-servers} script beside this class, which can also be run by hand.
 */
public final class PeerServers implements AutoCloseable {
    public static final String PASSWORD = "secret";
    private static final long PATIENCE_SECONDS = 600;

    private final Path directory;
    private final Path log;
    private final Path script;
    private final int smtpPort;
    private final int imapPort;
    private final String postfixVersion;
    private final String dovecotVersion;
    private final ProcessTreeCpu cpu;

    private PeerServers(Path directory, Path log, Path script, int smtpPort, int imapPort, String ready) {
        this.directory = directory;
        this.log = log;
        this.script = script;
        this.smtpPort = smtpPort;
        this.imapPort = imapPort;
        this.postfixVersion = field(ready, "postfix");
        this.dovecotVersion = field(ready, "dovecot");
        this.cpu = new ProcessTreeCpu(List.of(directory.resolve("postfix-queue/pid/master.pid"),
                directory.resolve("dovecot/run/master.pid")));
    }

    /**
     * Installs the packages when missing, then configures and starts both servers in a new private
     * directory under the temporary directory (whose ancestors the users postfix and mail can reach,
     * as a work directory under a private temporary directory may not be); {@link #close()} deletes it.
     *
     * @param log where the installation's and the start's output go; the servers' own logs are copied beside it when they stop
     */
    public static PeerServers start(Path log) {
        Path directory;
        try {
            directory = Files.createTempDirectory("mailpush-peers-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a directory for the peers: " + e.getMessage(), e);
        }
        try {
            Path script = script(directory);
            int[] ports = freePorts(3);
            // The script stops what it started when it fails.
            String ready = run(log, List.of("bash", script.toString(), "start", directory.toAbsolutePath().toString(),
                    Integer.toString(ports[0]), Integer.toString(ports[1]), Integer.toString(ports[2])));
            return new PeerServers(directory, log, script, ports[0], ports[2], ready);
        } catch (RuntimeException e) {
            delete(directory);
            throw e;
        }
    }

    /**
     * Installs the packages when missing (apt-get; needs root).
     *
     * @return whether they are installed now; if not, {@code log} says why
     */
    public static boolean install(Path log) {
        try {
            run(log, List.of("bash", script(log.toAbsolutePath().getParent()).toString(), "install"));
            return true;
        } catch (IllegalStateException | UncheckedIOException e) {
            return false;
        }
    }

    public int smtpPort() {
        return smtpPort;
    }

    public int imapPort() {
        return imapPort;
    }

    /** "Postfix 3.7.11". */
    public String postfix() {
        return "Postfix " + postfixVersion;
    }

    /** "Dovecot 2.3.19.1". */
    public String dovecot() {
        return "Dovecot " + dovecotVersion;
    }

    /** The CPU time of both servers' processes so far, those ended included, in nanoseconds. */
    public long cpuNanos() {
        return cpu.nanos();
    }

    /** Stops both, keeps their logs beside the start's log, and deletes their directory. */
    @Override
    public void close() {
        run(log.resolveSibling(log.getFileName() + ".stop"), List.of("bash", script.toString(), "stop", directory.toAbsolutePath().toString()));
        for (String server : List.of("postfix", "dovecot")) {
            String name = log.getFileName().toString().replaceFirst("\\.log$", "") + "-" + server + ".log";
            try {
                Files.copy(directory.resolve(server + ".log"), log.resolveSibling(name), StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                // a server that never logged
            }
        }
        delete(directory);
    }

    private static void delete(Path directory) {
        try (Stream<Path> walk = Files.walk(directory)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + directory + ": " + e.getMessage(), e);
        }
    }

    private static Path script(Path directory) {
        try (InputStream in = PeerServers.class.getResourceAsStream("peer-servers")) {
            if (in == null) {
                throw new IllegalStateException("the peer-servers script is missing from the class path");
            }
            Files.createDirectories(directory);
            Path script = directory.resolve("peer-servers");
            Files.write(script, in.readAllBytes());
            return script;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the peer-servers script to " + directory + ": " + e.getMessage(), e);
        }
    }

    /** Runs the script; returns its last line of output, or fails naming the log. */
    private static String run(Path log, List<String> command) {
        try {
            // Output to a file, not a pipe: the servers' daemons may keep the script's stdout open.
            Path out = log.resolveSibling(log.getFileName() + ".out");
            Process process = new ProcessBuilder(command).redirectError(log.toFile()).redirectOutput(out.toFile()).start();
            if (!process.waitFor(PATIENCE_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " took over " + PATIENCE_SECONDS + " s; its log: " + log);
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed with status " + process.exitValue()
                        + "; its log: " + log + "\n" + tail(log));
            }
            return Files.readString(out, StandardCharsets.UTF_8).strip().lines().reduce("", (first, second) -> second);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command, e);
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 10), lines.size()));
        } catch (IOException e) {
            return "";
        }
    }

    /**
     * Ports free now on loopback. Another process could take one before the servers bind it; the
     * start then fails, naming the port in the servers' logs.
     */
    private static int[] freePorts(int count) {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                sockets.add(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()));
            }
            return sockets.stream().mapToInt(ServerSocket::getLocalPort).toArray();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on loopback: " + e.getMessage(), e);
        } finally {
            for (ServerSocket socket : sockets) {
                try {
                    socket.close();
                } catch (IOException e) {
                    // it was only held to find the port
                }
            }
        }
    }

    private static String field(String line, String name) {
        for (String part : line.split(" ")) {
            if (part.startsWith(name + "=")) {
                return part.substring(name.length() + 1);
            }
        }
        throw new IllegalStateException("the peer-servers script did not report " + name + ": '" + line + "'");
    }
}
