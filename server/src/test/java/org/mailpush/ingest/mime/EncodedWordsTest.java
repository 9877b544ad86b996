package org.mailpush.ingest.mime;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EncodedWordsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            plain subject                                     | plain subject
            =?UTF-8?B?w6TDtsO8?=                               | äöü
            =?utf-8?q?a_b?= =?utf-8?q?_c?=                    | a b c
            =?utf-8?q?caf=C3=A9?==?utf-8?q?_cr=C3=A8me?=      | café crème
            =?ISO-8859-1*de?Q?Gr=FC=DFe?=                     | Grüße
            =?utf-8?Q?broken                                  | =?utf-8?Q?broken
            =?nope?Q?x?= and more                             | =?nope?Q?x?= and more
            """)
    void decodesEncodedWordsOrKeepsTheText(String field, String subject) {
        assertThat(EncodedWords.decode(field)).isEqualTo(subject);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            'a\tb\r\nc'              | a b c
            'bell\u0007 nul\u0000!'  | bell nul!
            '  padded  '             | padded
            '=?utf-8?q?a=00b=0Ac?='  | ab c
            """)
    void leavesNoControlCharacters(String field, String subject) {
        assertThat(EncodedWords.decode(field)).isEqualTo(subject);
    }
}
