package org.mailpush.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.mailpush.bench.host.Workspace;
import org.mailpush.bench.report.BenchmarkDocument;
import org.mailpush.bench.report.Result;
import picocli.CommandLine.Option;

/** The options every benchmark takes: where to write the figures, where to work, how to run the servers. */
final class RunOptions {
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Option(names = "--write", description = "Record the figures in DOCS/benchmarks.md and DOCS/benchmarks.json.")
    boolean write;

    @Option(names = "--docs", paramLabel = "DOCS", defaultValue = "${sys:mailpush.docs:-docs}",
            description = "The documentation directory (default: ${DEFAULT-VALUE}).")
    Path docs;

    @Option(names = "--work-dir", paramLabel = "DIR",
            description = "Where the servers keep their data (deleted afterwards) and logs (kept); default: a new directory under the temporary directory.")
    Path workDirectory;

    @Option(names = "--server-java-options", paramLabel = "OPTIONS", defaultValue = "-Xmx3g",
            description = "JVM options of the server processes, e.g. '-Xmx3g -XX:StartFlightRecording=filename=server.jfr' (default: ${DEFAULT-VALUE}).")
    String serverJavaOptions;

    @Option(names = {"-s", "--set"}, paramLabel = "KEY=VALUE",
            description = "A setting every mailpush server gets (docs/configuration.md), e.g. --set database.pool-size=20; repeatable.")
    List<String> serverSettings = new ArrayList<>();

    /** A benchmark that runs its servers in a workspace. */
    @FunctionalInterface
    interface InWorkspace {
        Result run(Workspace workspace) throws InterruptedException;
    }

    /** Runs a benchmark in a new workspace, then deletes the servers' data (their logs stay). */
    Result measure(String benchmark, InWorkspace measurement) throws InterruptedException {
        Workspace workspace = workspace(benchmark);
        try {
            return measurement.run(workspace);
        } finally {
            workspace.deleteData();
        }
    }

    private Workspace workspace(String benchmark) {
        try {
            Path root = workDirectory != null ? workDirectory : Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir"),
                    "mailpush-bench-" + benchmark + "-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))));
            Files.createDirectories(root);
            List<String> options = Arrays.stream(serverJavaOptions.strip().split("\\s+")).filter(s -> !s.isEmpty()).toList();
            return new Workspace(root, options, serverSettings);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the work directory: " + e.getMessage(), e);
        }
    }

    /** Prints the results and, when asked to, records them. */
    void report(List<Result> results) {
        results.forEach(r -> System.out.println(r.text()));
        if (write) {
            new BenchmarkDocument(docs).write(results);
            System.out.println("written to " + docs.resolve("benchmarks.md") + " and " + docs.resolve("benchmarks.json"));
        }
    }
}
