package org.mailpush.bench.host;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where a benchmark run keeps its servers' data directories and logs, the JVM options its server
 * processes get, and settings ({@code key=value}, docs/configuration.md) every mailpush server gets
 * after the benchmark's own. Data directories are deleted when the run ends; the logs stay.
 */
public record Workspace(Path root, List<String> javaOptions, List<String> serverSettings) {
    public Workspace {
        javaOptions = List.copyOf(javaOptions);
        serverSettings = List.copyOf(serverSettings);
    }

    /** A new, empty data directory for one server. */
    public Path data(String name) {
        Path directory = root.resolve("data-" + name);
        deleteTree(directory);
        try {
            return Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + directory + ": " + e.getMessage(), e);
        }
    }

    public Path log(String name) {
        return root.resolve(name + ".log");
    }

    /** Starts a server process with this workspace's JVM options (and, for mailpush, its settings last). */
    public HostProcess start(String name, String kind, List<String> arguments) {
        return start(name, kind, arguments, List.of());
    }

    /** The same, with JVM options of its own after the workspace's. */
    public HostProcess start(String name, String kind, List<String> arguments, List<String> moreJavaOptions) {
        List<String> all = new ArrayList<>(arguments);
        if (kind.equals("mailpush")) {
            all.addAll(serverSettings);
        }
        List<String> options = new ArrayList<>(javaOptions);
        options.addAll(moreJavaOptions);
        return HostProcess.start(options, log(name), kind, all);
    }

    /** Deletes the data directories; keeps the logs. */
    public void deleteData() {
        try (Stream<Path> entries = Files.exists(root) ? Files.list(root) : Stream.empty()) {
            entries.filter(p -> p.getFileName().toString().startsWith("data-")).forEach(Workspace::deleteTree);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(directory)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + directory + ": " + e.getMessage(), e);
        }
    }
}
