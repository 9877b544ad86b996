package org.mailpush.ingest.mime;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;
import org.mailpush.mail.MailSummary;

/**
 * Whatever the bytes and however they are cut into writes, a scan neither throws nor hits a bug inside,
 * and gives the same summary as one write of the whole message. Checked on {@value #TRIES} random
 * messages (random bytes, runs of MIME tokens, fixtures with bytes replaced or cut out, fixtures as
 * they are), each with random write sizes. The seeds are fixed, so a run is repeatable and a failure
 * names the seed that replays it.
 */
class MimeSummarizerPropertiesTest {
    private static final int TRIES = 1_000;

    /** Small limits, so that line pieces, depth, part and header limits are all reached. */
    private static final MimeLimits SMALL = new MimeLimits(256, 3, 12, 30, 80);

    private static final List<String> TOKENS = List.of(
            "--b\n", "--b--\n", "--c\r\n", "--c--", "\n", "\r\n", "\r", "\0", " ", "\t", "=", "=?utf-8?q?",
            "=?x-bad?B?", "?=", "=C3=A4", "=\n", "w6Q=", "<p>", "</p>", "<style>", "&amp;", "&#", "<!--", "-->",
            "Content-Type: multipart/mixed; boundary=b\n", "Content-Type: multipart/alternative; boundary=\"c\"\n",
            "Content-Type: text/plain; charset=\"utf-16\"\n", "Content-Type: text/html; charset=nonsense\n",
            "Content-Type: image/png\n", "Content-Type: message/rfc822\n",
            "Content-Type: multipart/digest; boundary=b\n", "Content-Transfer-Encoding: base64\n",
            "Content-Transfer-Encoding: quoted-printable\n", "Content-Disposition: attachment; filename=x\n",
            "Subject: ", "From: ", "a@b", "<x@y>", "\"", "(", "Importance: high\n", "X-Priority: 1\n", "text ",
            "\u00e4\u00f6", "\u00ff\u00fe", "\u00c3", "\u00f0\u009f");

    @Test
    void noInputMakesAScanFail() {
        forAll((message, chunkSizes) -> {
            for (MimeLimits limits : List.of(MimeLimits.DEFAULTS, SMALL)) {
                MailSummary summary = Messages.summarize(message, limits);

                assertThat(summary.sizeBytes()).isEqualTo(message.length);
                assertThat(summary.preview().codePointCount(0, summary.preview().length()))
                        .isLessThanOrEqualTo(limits.previewLength());
                assertThat(summary.preview() + summary.subject()).doesNotContainPattern("\\p{Cntrl}");
                assertThat(summary.attachmentTypes()).allMatch(type -> type.matches("[^/\\s]+/[^/\\s]+"));
            }
        });
    }

    @Test
    void howTheBytesAreCutIntoWritesDoesNotMatter() {
        forAll((message, chunkSizes) -> {
            for (MimeLimits limits : List.of(MimeLimits.DEFAULTS, SMALL)) {
                assertThat(Messages.summarizeInChunks(message, chunkSizes, limits))
                        .isEqualTo(Messages.summarize(message, limits));
            }
        });
    }

    private static void forAll(BiConsumer<byte[], List<Integer>> property) {
        for (long seed = 0; seed < TRIES; seed++) {
            Random random = new Random(seed);
            byte[] message = message(random);
            List<Integer> chunkSizes = chunkSizes(random);
            try {
                property.accept(message, chunkSizes);
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError("falsified by seed " + seed + " (" + message.length + " bytes, writes of "
                        + chunkSizes + ")", e);
            }
        }
    }

    private static byte[] message(Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> randomBytes(random, 3000);
            case 1 -> tokens(random);
            case 2 -> mutatedFixture(random);
            default -> Messages.fixture(Messages.FIXTURES.get(random.nextInt(Messages.FIXTURES.size())));
        };
    }

    private static List<Integer> chunkSizes(Random random) {
        List<Integer> sizes = new ArrayList<>();
        int count = 1 + random.nextInt(6);
        for (int i = 0; i < count; i++) {
            sizes.add(1 + random.nextInt(random.nextBoolean() ? 10 : 300));
        }
        return sizes;
    }

    private static byte[] randomBytes(Random random, int maxLength) {
        byte[] bytes = new byte[random.nextInt(maxLength + 1)];
        random.nextBytes(bytes);
        return bytes;
    }

    private static byte[] tokens(Random random) {
        StringBuilder message = new StringBuilder();
        int count = random.nextInt(300);
        for (int i = 0; i < count; i++) {
            message.append(TOKENS.get(random.nextInt(TOKENS.size())));
        }
        return message.toString().getBytes(ISO_8859_1);
    }

    /** A fixture with a few places where bytes are cut out and tokens or random bytes put in. */
    private static byte[] mutatedFixture(Random random) {
        byte[] message = Messages.fixture(Messages.FIXTURES.get(random.nextInt(Messages.FIXTURES.size())));
        int mutations = 1 + random.nextInt(8);
        for (int i = 0; i < mutations; i++) {
            byte[] insert = random.nextBoolean()
                    ? TOKENS.get(random.nextInt(TOKENS.size())).getBytes(ISO_8859_1)
                    : randomBytes(random, 5);
            int at = random.nextInt(message.length + 1);
            int end = Math.min(message.length, at + random.nextInt(21));
            ByteArrayOutputStream out = new ByteArrayOutputStream(message.length + insert.length);
            out.write(message, 0, at);
            out.writeBytes(insert);
            out.write(message, end, message.length - end);
            message = out.toByteArray();
        }
        return message;
    }
}
