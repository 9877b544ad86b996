package org.mailpush.bench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchmarkDocumentTest {
    private static final String PROSE = "# Benchmarks\n\nHow to run them.\n\n## Figures\n\n";

    @TempDir
    Path docs;

    private static Result result(String benchmark, double figure) {
        return Result.begin(benchmark, "The " + benchmark + " benchmark")
                .parameter("size", 10_000)
                .table(new Table("figures", List.of("way", "p50 ms"), List.of(Table.Row.of("mailpush", figure))))
                .target(Target.atMost("p50", 2, figure, "ms", ""))
                .note("a note")
                .build();
    }

    @Test
    void writesTheSectionBetweenTheMarkersAndKeepsTheProse() throws Exception {
        Files.writeString(docs.resolve("benchmarks.md"), PROSE + BenchmarkDocument.BEGIN + "\nold\n" + BenchmarkDocument.END + "\n\nAfter.\n");

        new BenchmarkDocument(docs).write(List.of(result("latency", 1.5)));

        String markdown = Files.readString(docs.resolve("benchmarks.md"));
        assertThat(markdown).startsWith(PROSE + BenchmarkDocument.BEGIN).endsWith(BenchmarkDocument.END + "\n\nAfter.\n")
                .doesNotContain("old")
                .contains("### The latency benchmark", "Sizes: size 10 000", "| mailpush | 1.50 |", "| p50 | ≤ 2 ms | 1.50 ms | met |",
                        "- a note");
    }

    @Test
    void aNewResultReplacesOnlyItsOwnBenchmark() throws Exception {
        Files.writeString(docs.resolve("benchmarks.md"), BenchmarkDocument.BEGIN + BenchmarkDocument.END);
        var document = new BenchmarkDocument(docs);
        document.write(List.of(result("routing", 3), result("latency", 1)));

        document.write(List.of(result("latency", 4)));

        var results = document.read();
        assertThat(results.keySet()).containsExactly("latency", "routing");
        assertThat(results.get("latency").table("figures").value("mailpush", "p50 ms")).isEqualTo(4.0);
        assertThat(results.get("routing").targets().get(0).met()).isFalse();
        String markdown = Files.readString(docs.resolve("benchmarks.md"));
        assertThat(markdown.indexOf("The latency benchmark")).isLessThan(markdown.indexOf("The routing benchmark"));
    }

    @Test
    void refusesADocumentWithoutMarkers() throws Exception {
        Files.writeString(docs.resolve("benchmarks.md"), PROSE);

        assertThatThrownBy(() -> new BenchmarkDocument(docs).write(List.of(result("latency", 1))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("lacks the markers");
    }
}
