package org.mailpush.ingest.mime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class StructuredFieldTest {

    @Test
    void readsValueAndParameters() {
        StructuredField field = StructuredField.parse(" Multipart/Mixed; BOUNDARY=\"=_a;b\\\"c\"; charset=UTF-8 ");

        assertThat(field.value()).isEqualTo("multipart/mixed");
        assertThat(field.parameters()).isEqualTo(Map.of("boundary", "=_a;b\"c", "charset", "UTF-8"));
    }

    @Test
    void dropsCommentsButNotParenthesesInQuotes() {
        StructuredField field =
                StructuredField.parse("text/plain (plain text); charset=us-ascii (ASCII); name=\"a (1).txt\"");

        assertThat(field.value()).isEqualTo("text/plain");
        assertThat(field.parameter("charset")).isEqualTo("us-ascii");
        assertThat(field.parameter("name")).isEqualTo("a (1).txt");
    }

    @Test
    void theFirstOfTwoEqualParametersWins() {
        assertThat(StructuredField.parse("text/plain; charset=utf-8; Charset=latin1").parameter("charset"))
                .isEqualTo("utf-8");
    }

    @Test
    void knowsRfc2231ParameterNames() {
        StructuredField field = StructuredField.parse("attachment; filename*0*=utf-8''%C3%A4; filename*1=.txt");

        assertThat(field.hasParameter("filename")).isTrue();
        assertThat(field.hasParameter("name")).isFalse();
    }

    @Test
    void toleratesGarbage() {
        assertThat(StructuredField.parse(";;=;\"unclosed; (unclosed").value()).isEmpty();
        assertThat(StructuredField.parse("").parameters()).isEmpty();
        assertThat(StructuredField.parse("a; =b; c=").parameters()).isEqualTo(Map.of("c", ""));
    }
}
