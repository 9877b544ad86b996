package org.mailpush.push.smpp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Text as short messages: GSM 03.38 septets or UCS-2, cut or concatenated, octet for octet. */
class TextSmsTest {

    @Test
    void gsmTextIsOneSeptetAnOctet() {
        List<SmsPart> parts = TextSms.encode("Mail from a@b.de: 5$ Ä_", false, 0);

        assertThat(parts).hasSize(1);
        assertThat(parts.getFirst().dataCoding()).isEqualTo(0x00);
        assertThat(parts.getFirst().esmClass()).isEqualTo(0x00);
        assertThat(parts.getFirst().shortMessage()).isEqualTo(Octets.of()
                .ascii("Mail from a")
                .hex("00")          // '@' is septet 0x00
                .ascii("b.de: 5")
                .hex("02")          // '$' is 0x02
                .ascii(" ")
                .hex("5B")          // 'Ä' is 0x5B
                .hex("11")          // '_' is 0x11
                .build());
    }

    @Test
    void theExtensionTableIsReachedByTheEscape() {
        assertThat(TextSms.encode("€{}[]~|^\\", false, 0).getFirst().shortMessage())
                .isEqualTo(Octets.of().hex("1B 65 1B 28 1B 29 1B 3C 1B 3E 1B 3D 1B 40 1B 14 1B 2F").build());
    }

    @Test
    void aTextOutsideGsmIsUcs2() {
        SmsPart part = TextSms.encode("Mail from 李: Grüße", false, 0).getFirst();

        assertThat(part.dataCoding()).isEqualTo(0x08);
        assertThat(part.shortMessage()).isEqualTo("Mail from 李: Grüße".getBytes(StandardCharsets.UTF_16BE));
    }

    @Test
    void aLongTextIsCutTo160Septets() {
        String text = "x".repeat(200);

        SmsPart part = TextSms.encode(text, false, 0).getFirst();

        assertThat(new String(part.shortMessage(), StandardCharsets.US_ASCII)).isEqualTo("x".repeat(157) + "...");
        assertThat(TextSms.encode("x".repeat(160), false, 0).getFirst().shortMessage()).hasSize(160);
    }

    @Test
    void anExtensionCharacterCountsTwoAndIsNotSplit() {
        // 158 septets, then '€' (2) would make 160 but leaves no room for "...": cut before it.
        String text = "x".repeat(156) + "€" + "yyyy";

        byte[] message = TextSms.encode(text, false, 0).getFirst().shortMessage();

        assertThat(new String(message, StandardCharsets.US_ASCII)).isEqualTo("x".repeat(156) + "...");
    }

    @Test
    void aLongUcs2TextIsCutTo70WithAnEllipsis() {
        String text = "日".repeat(100);

        byte[] message = TextSms.encode(text, false, 0).getFirst().shortMessage();

        assertThat(new String(message, StandardCharsets.UTF_16BE)).isEqualTo("日".repeat(69) + "…");
    }

    @Test
    void whenAllowedALongTextIsConcatenatedInPartsOf153() {
        String text = "a".repeat(153) + "b".repeat(47);

        List<SmsPart> parts = TextSms.encode(text, true, 0x42);

        assertThat(parts).hasSize(2);
        assertThat(parts).allSatisfy(part -> assertThat(part.esmClass()).isEqualTo(0x40));
        assertThat(parts.get(0).shortMessage()).isEqualTo(Octets.of()
                .hex("05")          // UDHL
                .hex("00 03")       // IEI concatenation, 8-bit reference; 3 octets
                .hex("42 02 01")    // reference 0x42, 2 parts, part 1
                .ascii("a".repeat(153)).build());
        assertThat(parts.get(1).shortMessage()).isEqualTo(Octets.of().hex("05 00 03 42 02 02").ascii("b".repeat(47)).build());
    }

    @Test
    void concatenatedUcs2PartsHold67AndAreCappedAtFourParts() {
        List<SmsPart> parts = TextSms.encode("日".repeat(400), true, 1);

        assertThat(parts).hasSize(TextSms.MAX_PARTS);
        assertThat(parts.getFirst().shortMessage()).hasSize(6 + 67 * 2);
        String last = new String(parts.getLast().shortMessage(), 6, parts.getLast().shortMessage().length - 6, StandardCharsets.UTF_16BE);
        assertThat(last).endsWith("…");
    }
}
