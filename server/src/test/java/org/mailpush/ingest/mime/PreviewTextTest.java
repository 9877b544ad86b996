package org.mailpush.ingest.mime;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PreviewTextTest {

    @Test
    void collapsesBlanksAndDropsControlCharacters() {
        assertThat(preview(50, "\ufeff  Hello,\r\n\r\n\tworld\u0000\u0007!\u00a0\u2003 Bye  \n"))
                .isEqualTo("Hello, world! Bye");
    }

    @Test
    void countsCodePointsAndNeverCutsASurrogatePair() {
        assertThat(preview(3, "😀😀😀😀")).isEqualTo("😀😀😀");
        assertThat(preview(3, "a\ud83d b\ude00c")).isEqualTo("a b");
    }

    @Test
    void doesNotEndWithABlank() {
        PreviewText preview = new PreviewText(4);
        write(preview, "abc def");

        assertThat(preview.text()).isEqualTo("abc");
        assertThat(preview.full()).isTrue();
    }

    @Test
    void aZeroLengthPreviewIsFullFromTheStart() {
        PreviewText preview = new PreviewText(0);
        write(preview, "text");

        assertThat(preview.full()).isTrue();
        assertThat(preview.text()).isEmpty();
    }

    private static String preview(int length, String text) {
        PreviewText preview = new PreviewText(length);
        write(preview, text);
        preview.end();
        return preview.text();
    }

    private static void write(PreviewText preview, String text) {
        for (int i = 0; i < text.length(); i++) {
            preview.write(text.charAt(i));
        }
    }
}
