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
 * Where a benchmark run keeps its servers' data directories and logs, and the JVM options its server
 * processes get. Data directories are deleted when the run ends; the logs stay.
 */
public record Workspace(Path root, List<String> javaOptions) {
    public Workspace {
        javaOptions = List.copyOf(javaOptions);
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

    /** Starts a server process with this workspace's JVM options (and {@code extra} after them). */
    public HostProcess start(String name, List<String> extra, String kind, List<String> arguments) {
        List<String> options = new ArrayList<>(javaOptions);
        options.addAll(extra);
        return HostProcess.start(options, log(name), kind, arguments);
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
