package org.mailpush.ingest.mime;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HtmlTextTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            <p>one</p><p>two</p>                                   | one two
            a<b>bold</b>word                                        | aboldword
            line<br/>break<BR>again                                 | line break again
            &amp;&lt;&gt;&quot;&nbsp;&apos;                         | &<>" '
            &eacute;&Eacute;&EACUTE;&hellip;&#233;&#xE9;&#X1F600;   | éÉé…éé😀
            &unknown; &amp &#xZZ; & alone &#0;                     | &unknown; &amp &#xZZ; & alone &#0;
            <style>p{}</style><SCRIPT>if (a</b) x();</script>text   | text
            <title>t</title><!-- <p>hidden</p> -->shown<!---->      | shown
            <!DOCTYPE html><?xml version="1.0"?>doc                 | doc
            1 < 2 > 0                                               | 1 < 2 > 0
            <a href="x?a=1&b=2" title='a > b'>link</a>              | link
            <img alt=don't>after                                    | after
            <!--[if mso]><table><tr><td>Outlook</td></tr></table><![endif]-->all | all
            unterminated &amp                                       | unterminated &amp
            trailing <                                              | trailing <
            """)
    void keepsTheTextOnly(String html, String text) {
        assertThat(text(html)).isEqualTo(text);
    }

    private static String text(String html) {
        PreviewText preview = new PreviewText(500);
        HtmlText htmlText = new HtmlText(preview);
        for (int i = 0; i < html.length(); i++) {
            htmlText.write(html.charAt(i));
        }
        htmlText.end();
        return preview.text();
    }
}
