package org.mailpush.bench.report;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What one benchmark run produced: its figures in tables, the targets they meet or miss, the sizes
 * it ran with, the machine and the date, and notes on what limited it.
 *
 * @param benchmark the subcommand's name, the key in docs/benchmarks.json
 * @param date      when the run started, ISO-8601 UTC
 */
public record Result(String benchmark, String title, String date, Machine machine, Map<String, String> parameters,
        List<Table> tables, List<Target> targets, List<String> notes) {
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    public Result {
        Objects.requireNonNull(benchmark, "benchmark");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(machine, "machine");
        parameters = new LinkedHashMap<>(parameters);
        tables = List.copyOf(tables);
        targets = List.copyOf(targets);
        notes = List.copyOf(notes);
    }

    /** Starts a result for a run that begins now. */
    public static Builder begin(String benchmark, String title) {
        return new Builder(benchmark, title, Instant.now().truncatedTo(ChronoUnit.SECONDS), Machine.current());
    }

    /** The table with this title. */
    public Table table(String title) {
        return tables.stream().filter(t -> t.title().equals(title)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no table '" + title + "' in " + benchmark));
    }

    /** For a terminal: the tables, the targets and the notes. */
    public String text() {
        StringBuilder out = new StringBuilder("== ").append(title).append(" ==\n");
        out.append(parametersLine()).append('\n').append(machine.describe()).append("\n\n");
        tables.forEach(t -> out.append(t.text()).append('\n'));
        if (!targets.isEmpty()) {
            out.append(targetTable().text()).append('\n');
        }
        notes.forEach(note -> out.append("note: ").append(note).append('\n'));
        return out.toString();
    }

    /** For docs/benchmarks.md. */
    public String markdown() {
        StringBuilder out = new StringBuilder("### ").append(title).append("\n\n");
        out.append("Run ").append(SHOWN.format(Instant.parse(date))).append(" on ").append(machine.describe()).append(".  \n");
        out.append(parametersLine()).append(".\n\n");
        for (Table table : tables) {
            out.append("**").append(table.title()).append("**\n\n").append(table.markdown()).append('\n');
        }
        if (!targets.isEmpty()) {
            out.append("| target | goal | measured | |\n|---|---:|---:|---|\n");
            for (Target t : targets) {
                out.append("| ").append(t.figure()).append(" | ").append(t.goalText()).append(" | ")
                        .append(Table.format(t.measured())).append(' ').append(t.unit()).append(" | ").append(t.verdict()).append(" |\n");
            }
            out.append('\n');
        }
        notes.forEach(note -> out.append("- ").append(note).append('\n'));
        if (!notes.isEmpty()) {
            out.append('\n');
        }
        return out.toString();
    }

    private String parametersLine() {
        List<String> parts = new ArrayList<>();
        parameters.forEach((key, value) -> parts.add(key + " " + value));
        return "Sizes: " + String.join(", ", parts);
    }

    private Table targetTable() {
        List<Table.Row> rows = targets.stream()
                .map(t -> new Table.Row(t.figure() + " " + t.goalText() + ": " + t.verdict(), List.of(t.measured())))
                .toList();
        return new Table("targets", List.of("target", "measured"), rows);
    }

    /** Collects a result while a benchmark runs. */
    public static final class Builder {
        private final String benchmark;
        private final String title;
        private final Instant date;
        private final Machine machine;
        private final Map<String, String> parameters = new LinkedHashMap<>();
        private final List<Table> tables = new ArrayList<>();
        private final List<Target> targets = new ArrayList<>();
        private final List<String> notes = new ArrayList<>();

        private Builder(String benchmark, String title, Instant date, Machine machine) {
            this.benchmark = benchmark;
            this.title = title;
            this.date = date;
            this.machine = machine;
        }

        public Builder parameter(String name, Object value) {
            parameters.put(name, value instanceof Number n ? Table.format(n.doubleValue()) : String.valueOf(value));
            return this;
        }

        public Builder table(Table table) {
            tables.add(table);
            return this;
        }

        public Builder target(Target target) {
            targets.add(target);
            return this;
        }

        public Builder note(String note) {
            notes.add(note);
            return this;
        }

        public Result build() {
            return new Result(benchmark, title, date.toString(), machine.ended(), parameters, tables, targets, notes);
        }
    }
}
