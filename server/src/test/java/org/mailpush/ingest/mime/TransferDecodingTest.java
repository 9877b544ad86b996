package org.mailpush.ingest.mime;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Base64, quoted-printable and identity decoding, fed line by line as the splitter cuts the body. */
class TransferDecodingTest {

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            base64           | SGVs\\nbG8=              | Hello
            base64           | SGVsbG8                  | Hello
            base64           | SGk=SGk=                 | HiHi
            base64           | S G\\tV*s!b\\nG8         | Hello
            base64           | SGVsbG8h                 | Hello!
            base64           | ===                      | ''
            quoted-printable | a=3Db=\\nc               | a=bc
            quoted-printable | soft=  \\nbreak          | softbreak
            quoted-printable | =C3=A4=c3=b6             | Ã¤Ã¶
            quoted-printable | 100% =XY =4 end=         | 100% =XY =4 end=
            quoted-printable | =4\\n==3D                | =4\\n==
            7bit             | two\\nlines              | two\\nlines
            x-unknown        | as is=3D                 | as is=3D
            """)
    void decodes(String encoding, String body, String decoded) {
        assertThat(decode(encoding, body.replace("\\n", "\n").replace("\\t", "\t")))
                .isEqualTo(decoded.replace("\\n", "\n"));
    }

    /** Splits the body at LF like the line splitter and collects the decoded bytes as ISO-8859-1. */
    private static String decode(String encoding, String body) {
        ByteArrayOutputStream decoded = new ByteArrayOutputStream();
        BodySink decoder = BodyText.decoder(encoding, new ByteSink() {
            @Override
            public void write(int b) {
                decoded.write(b);
            }

            @Override
            public void end() {
                // collected above
            }
        });
        String[] lines = body.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            byte[] line = lines[i].getBytes(ISO_8859_1);
            boolean last = i == lines.length - 1;
            if (!last || line.length > 0) {
                decoder.line(line, 0, line.length, !last);
            }
        }
        decoder.end();
        return decoded.toString(ISO_8859_1);
    }
}
