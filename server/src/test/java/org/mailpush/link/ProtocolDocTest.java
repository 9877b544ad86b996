package org.mailpush.link;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.mailpush.protocol.ProtocolVersion;
import org.mailpush.protocol.ServerMessage.ErrorCode;

/** docs/protocol.md says what the code does: every close, every error code, the version. */
class ProtocolDocTest {
    private static final Pattern CLOSE_ROW = Pattern.compile("^\\| (\\d{4}) \\| `([^`]+)` \\|", Pattern.MULTILINE);

    private static String doc() throws IOException {
        // Tests run in the module's directory.
        return Files.readString(Path.of("..", "docs", "protocol.md"));
    }

    /** The rows of the first table under "## Closing": the closes the link itself makes. */
    private static List<String> closesOfTheLink(String doc) {
        String section = doc.substring(doc.indexOf("\n## Closing\n"));
        section = section.substring(0, section.indexOf("\n\n", section.indexOf("| code |")));
        Matcher row = CLOSE_ROW.matcher(section);
        return row.results().map(r -> r.group(1) + " " + r.group(2)).toList();
    }

    @Test
    void theClosingTableListsEveryCloseTheLinkMakesAndNoOther() throws IOException {
        List<String> documented = closesOfTheLink(doc());

        assertThat(documented).containsExactlyInAnyOrderElementsOf(
                Arrays.stream(Closing.values()).map(c -> c.code() + " " + c.reason()).toList());
    }

    @Test
    void everyErrorCodeIsDocumented() throws IOException {
        String doc = doc();
        String from = doc.substring(doc.indexOf("Codes: `malformed`"));
        String codes = from.substring(0, from.indexOf("\n\n"));

        assertThat(Arrays.stream(ErrorCode.values()).map(ErrorCode::word)).allMatch(word -> codes.contains("`" + word + "`"));
    }

    @Test
    void theTitleAndTheWelcomeStateTheVersionSpoken() throws IOException {
        String doc = doc();
        ProtocolVersion version = ProtocolVersion.CURRENT;

        assertThat(doc).startsWith("# The terminal link — protocol version " + version + "\n");
        assertThat(doc).contains("{ \"type\": \"welcome\", \"v\": " + version.major() + ", \"minor\": " + version.minor() + ",");
    }
}
