package org.mailpush.bench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A table of figures: a header (the first column names the rows, the others say their unit) and
 * rows of a label and numbers; a missing number is {@code null}.
 */
public record Table(String title, List<String> columns, List<Row> rows) {
    public Table {
        Objects.requireNonNull(title, "title");
        columns = List.copyOf(columns);
        rows = List.copyOf(rows);
        for (Row row : rows) {
            if (row.values().size() != columns.size() - 1) {
                throw new IllegalArgumentException("row '" + row.label() + "' has " + row.values().size() + " values for "
                        + (columns.size() - 1) + " columns");
            }
        }
    }

    /** One row: its label and its values, in the order of the columns after the first. */
    public record Row(String label, List<Double> values) {
        public Row {
            Objects.requireNonNull(label, "label");
            values = new ArrayList<>(values); // may hold nulls
        }

        public static Row of(String label, Double... values) {
            return new Row(label, java.util.Arrays.asList(values));
        }
    }

    /** The value in the row with this label and the column with this header. */
    public Double value(String rowLabel, String column) {
        int index = columns.indexOf(column) - 1;
        if (index < 0) {
            throw new IllegalArgumentException("no column '" + column + "' in " + columns);
        }
        return rows.stream().filter(r -> r.label().equals(rowLabel)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no row '" + rowLabel + "' in table '" + title + "'"))
                .values().get(index);
    }

    /** A number as a reader wants it: few digits, more of them for small values; "–" for none. */
    public static String format(Double value) {
        if (value == null || value.isNaN()) {
            return "–";
        }
        double v = value;
        double magnitude = Math.abs(v);
        if (v == Math.rint(v) && magnitude < 1e15) {
            return String.format(Locale.ROOT, "%,d", (long) v).replace(',', ' ');
        }
        String pattern = magnitude >= 100 ? "%,.0f" : magnitude >= 10 ? "%.1f" : magnitude >= 0.1 ? "%.2f" : "%.3f";
        return String.format(Locale.ROOT, pattern, v).replace(',', ' ');
    }

    /** Aligned columns for a terminal. */
    public String text() {
        List<List<String>> cells = new ArrayList<>();
        cells.add(columns);
        rows.forEach(row -> cells.add(cells(row)));
        int[] widths = new int[columns.size()];
        for (List<String> line : cells) {
            for (int i = 0; i < line.size(); i++) {
                widths[i] = Math.max(widths[i], line.get(i).length());
            }
        }
        StringBuilder out = new StringBuilder(title).append('\n');
        for (List<String> line : cells) {
            for (int i = 0; i < line.size(); i++) {
                String cell = line.get(i);
                out.append(i == 0 ? "  " + pad(cell, widths[i], false) : "  " + pad(cell, widths[i], true));
            }
            out.append('\n');
        }
        return out.toString();
    }

    /** A Markdown table. */
    public String markdown() {
        StringBuilder out = new StringBuilder();
        out.append("| ").append(String.join(" | ", columns)).append(" |\n|");
        for (int i = 0; i < columns.size(); i++) {
            out.append(i == 0 ? "---|" : "---:|");
        }
        out.append('\n');
        rows.forEach(row -> out.append("| ").append(String.join(" | ", cells(row))).append(" |\n"));
        return out.toString();
    }

    private static List<String> cells(Row row) {
        List<String> cells = new ArrayList<>();
        cells.add(row.label());
        row.values().forEach(v -> cells.add(format(v)));
        return cells;
    }

    private static String pad(String text, int width, boolean right) {
        String space = " ".repeat(Math.max(0, width - text.length()));
        return right ? space + text : text + space;
    }
}
