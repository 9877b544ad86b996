package org.mailpush.push.smpp;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** WBXML SI (WAP-167, WAP-192), the WSP Push PDU (WAP-230) and the UDH (TS 23.040), octet for octet. */
class WapPushEncodingTest {

    @Test
    void aServiceIndicationIsTokenisedAsWap167Says() {
        var si = new ServiceIndication(URI.create("https://mail.example.org/m/42"), "mail-42", Instant.parse("2024-05-01T12:30:00Z"),
                "Mail from ann@x.org: Hi");

        assertThat(si.wbxml()).isEqualTo(Octets.of()
                .hex("02")          // WBXML version 1.2
                .hex("05")          // public identifier: -//WAPFORUM//DTD SI 1.0//EN
                .hex("6A")          // charset: UTF-8 (MIBenum 106)
                .hex("00")          // string table length: 0
                .hex("45")          // <si>: tag 0x05 | content 0x40
                .hex("C6")          // <indication>: tag 0x06 | content 0x40 | attributes 0x80
                .hex("0E")          // href="https://"
                .hex("03").ascii("mail.example.org/m/42").hex("00")   // STR_I the rest of the href, NUL
                .hex("11")          // si-id
                .hex("03").ascii("mail-42").hex("00")                  // STR_I "mail-42"
                .hex("0A")          // created
                .hex("C3 06 20 24 05 01 12 30")                       // OPAQUE, 6 octets: 2024-05-01 12:30, trailing 00 left out
                .hex("07")          // action="signal-medium"
                .hex("01")          // END of indication's attributes
                .hex("03").ascii("Mail from ann@x.org: Hi").hex("00")  // STR_I the text
                .hex("01")          // END </indication>
                .hex("01")          // END </si>
                .build());
    }

    @Test
    void eachHrefPrefixHasItsToken() {
        Instant created = Instant.parse("2024-05-01T12:30:00Z");
        assertThat(new ServiceIndication(URI.create("http://a.b/"), "i", created, "t").wbxml()[6]).isEqualTo((byte) 0x0C);
        assertThat(new ServiceIndication(URI.create("http://www.a.b/"), "i", created, "t").wbxml()[6]).isEqualTo((byte) 0x0D);
        assertThat(new ServiceIndication(URI.create("https://a.b/"), "i", created, "t").wbxml()[6]).isEqualTo((byte) 0x0E);
        assertThat(new ServiceIndication(URI.create("https://www.a.b/"), "i", created, "t").wbxml()[6]).isEqualTo((byte) 0x0F);
        byte[] other = new ServiceIndication(URI.create("ftp://a.b/"), "i", created, "t").wbxml();
        assertThat(java.util.Arrays.copyOfRange(other, 6, 9 + "ftp://a.b/".length()))
                .isEqualTo(Octets.of().hex("0B 03").ascii("ftp://a.b/").hex("00").build()); // href, STR_I the whole link
    }

    @Test
    void datesAreBcdWithTrailingZeroOctetsLeftOut() {
        // WAP-167 §8.2.2's own example: 1999-06-25 15:23:15 → 19 99 06 25 15 23 15.
        assertThat(ServiceIndication.date(Instant.parse("1999-06-25T15:23:15Z"))).isEqualTo(Octets.of().hex("19 99 06 25 15 23 15").build());
        assertThat(ServiceIndication.date(Instant.parse("1999-06-30T00:00:00Z"))).isEqualTo(Octets.of().hex("19 99 06 30").build());
    }

    @Test
    void theWspPushPduCarriesTheContentTypeAndApplicationId() {
        byte[] wbxml = Octets.of().hex("02 05 6A 00 05").build();

        assertThat(WapPush.pdu(0x25, wbxml)).isEqualTo(Octets.of()
                .hex("25")          // transaction id
                .hex("06")          // PDU type: Push
                .hex("03")          // headers' length (uintvar): content type and headers, 3 octets
                .hex("AE")          // content type application/vnd.wap.sic (0x2E | 0x80)
                .hex("AF 82")       // X-Wap-Application-Id (0x2F | 0x80): x-wap-application:wml.ua (0x02 | 0x80)
                .bytes(wbxml)
                .build());
    }

    @Test
    void uintvarsAreSevenBitsAnOctet() {
        assertThat(WapPush.uintvar(0)).isEqualTo(Octets.of().hex("00").build());
        assertThat(WapPush.uintvar(0x7F)).isEqualTo(Octets.of().hex("7F").build());
        assertThat(WapPush.uintvar(0x80)).isEqualTo(Octets.of().hex("81 00").build());
        assertThat(WapPush.uintvar(0x3FFF)).isEqualTo(Octets.of().hex("FF 7F").build());
    }

    @Test
    void aShortPushGoesInOneMessageToPort2948() {
        byte[] pdu = Octets.of().hex("01 06 03 AE AF 82 02 05 6A 00 45 01").build();

        List<SmsPart> parts = WapPush.parts(pdu, 9);

        assertThat(parts).hasSize(1);
        assertThat(parts.getFirst().dataCoding()).isEqualTo(0x04);   // 8-bit binary
        assertThat(parts.getFirst().esmClass()).isEqualTo(0x40);     // UDHI
        assertThat(parts.getFirst().shortMessage()).isEqualTo(Octets.of()
                .hex("06")          // UDHL: 6 octets follow
                .hex("05 04")       // IEI application port addressing, 16 bit; 4 octets
                .hex("0B 84")       // destination port 2948: WAP Push connectionless session service
                .hex("23 F0")       // source port 9200: WSP connectionless
                .bytes(pdu)
                .build());
    }

    @Test
    void aLongPushIsConcatenated() {
        byte[] pdu = new byte[200];
        for (int i = 0; i < pdu.length; i++) {
            pdu[i] = (byte) i;
        }

        List<SmsPart> parts = WapPush.parts(pdu, 0x1C);

        assertThat(parts).hasSize(2);
        byte[] header1 = Octets.of()
                .hex("0B")          // UDHL: 11 octets follow
                .hex("05 04 0B 84 23 F0")   // ports 2948 ← 9200
                .hex("00 03 1C 02 01")      // IEI concatenation, 8-bit reference; 3 octets: reference 0x1C, 2 parts, part 1
                .build();
        assertThat(parts.get(0).shortMessage()).hasSize(140)
                .isEqualTo(Octets.of().bytes(header1).bytes(java.util.Arrays.copyOfRange(pdu, 0, 128)).build());
        assertThat(parts.get(1).shortMessage())
                .isEqualTo(Octets.of().hex("0B 05 04 0B 84 23 F0 00 03 1C 02 02").bytes(java.util.Arrays.copyOfRange(pdu, 128, 200)).build());
    }

    @Test
    void theUserDataHeaderPutsItsLengthFirst() {
        assertThat(new UserDataHeader().concatenated(300, 3, 2).octets()).isEqualTo(Octets.of().hex("05 00 03 2C 03 02").build());
    }
}
