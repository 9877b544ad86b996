package org.mailpush.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** docs/configuration.md's key tables list exactly the keys the server reads: none missing, none it would refuse. */
class ConfigurationDocTest {
    /** A row of a "| key | default | meaning |" table: its first cell is one key in backticks. */
    private static final Pattern KEY_ROW = Pattern.compile("^\\| `([a-z0-9.-]+)` \\|", Pattern.MULTILINE);

    @TempDir
    Path data;

    @Test
    void theKeyTablesListEveryKeyTheServerReads() throws IOException {
        // Tests run in the module's directory.
        String doc = Files.readString(Path.of("..", "docs", "configuration.md"));
        Set<String> documented = new TreeSet<>();
        String[] pieces = doc.split("\\| key \\| default \\| meaning \\|");
        for (String table : java.util.Arrays.asList(pieces).subList(1, pieces.length)) {
            Matcher row = KEY_ROW.matcher(table.substring(0, tableEnd(table)));
            row.results().forEach(r -> documented.add(r.group(1)));
        }
        Settings settings = Settings.of(Map.of(), "", Map.of(), Map.of("data-dir", data.toString()));

        ServerConfig.read(settings);

        assertThat(documented).isNotEmpty();
        assertThat(new TreeSet<>(settings.keysRead())).as("keys the server reads, against docs/configuration.md")
                .containsExactlyElementsOf(documented);
    }

    /** Where the table that starts a piece ends: at the first line that is no table row. */
    private static int tableEnd(String piece) {
        Matcher end = Pattern.compile("\\n(?!\\|)").matcher(piece);
        int from = piece.indexOf('\n', 1);
        return from >= 0 && end.find(from) ? end.start() : piece.length();
    }
}
