package org.mailpush.ingest.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PathArgumentTest {

    @Test
    void readsThePathAndTheParameters() {
        assertThat(PathArgument.parse("FROM:<carol@elsewhere.test> SIZE=100  BODY=8BITMIME", "FROM:"))
                .contains(new PathArgument("carol@elsewhere.test", List.of("SIZE=100", "BODY=8BITMIME")));
    }

    @Test
    void toleratesASpaceAfterTheColonAndAnyCase() {
        assertThat(PathArgument.parse("to: <alice@example.test>", "TO:")).contains(new PathArgument("alice@example.test", List.of()));
    }

    @Test
    void readsTheNullPath() {
        assertThat(PathArgument.parse("FROM:<>", "FROM:")).contains(new PathArgument("", List.of()));
    }

    @Test
    void keepsQuotedStringsWhole() {
        assertThat(PathArgument.parse("TO:<\"a>b\\\"c\"@example.test>", "TO:"))
                .contains(new PathArgument("\"a>b\\\"c\"@example.test", List.of()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"TO:alice@example.test", "TO:<alice@example.test", "TO:<alice@example.test>x", "FROM:<a@b>",
        "TO:<<alice@example.test>>", "TO:"})
    void refusesAnythingElse(String argument) {
        assertThat(PathArgument.parse(argument, "TO:")).isEqualTo(Optional.empty());
    }
}
