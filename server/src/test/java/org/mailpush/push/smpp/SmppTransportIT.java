package org.mailpush.push.smpp;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.jsmpp.bean.SubmitSm;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mailpush.device.DeviceId;
import org.mailpush.device.PushChannel;
import org.mailpush.push.PushMessage;
import org.mailpush.push.PushOutcome;
import org.mailpush.upstream.Secret;

/** The transport against an SMSC on loopback: the submit_sm PDUs octet for octet, refusals, and the SMSC away and back. */
class SmppTransportIT {
    private static final InstantSource CLOCK = InstantSource.fixed(Instant.parse("2024-05-01T12:30:00Z"));
    private static final String MAIL = "{\"type\":\"mail\",\"mail\":\"42\",\"seq\":7,\"from\":\"ann@x.org\",\"subject\":\"Hi\","
            + "\"preview\":\"p\",\"fetch\":\"/api/link/mails/42/raw\",\"url\":\"/terminal.html#mail-42\"}";

    private FakeSmsc smsc;
    private SmppTransport transport;

    @AfterEach
    void stop() throws Exception {
        if (transport != null) {
            transport.close();
        }
        if (smsc != null) {
            smsc.close();
        }
    }

    private SmppTransport transport(int port, int attempts) {
        var settings = new SmppSettings(new SmppSettings.Smsc("127.0.0.1", port, "mailpush", new Secret("secret"), "", "+4930123"),
                new SmppSettings.Limits(2, 1000, 10),
                new SmppSettings.Timing(Duration.ofSeconds(5), Duration.ofSeconds(2), Duration.ofMillis(100), Duration.ofMillis(400), attempts),
                Optional.of(URI.create("https://mail.example.org")), false, false);
        return new SmppTransport(settings, CLOCK);
    }

    private static PushChannel phone(String endpoint) {
        return PushChannel.unkeyed(new DeviceId("phone"), PushChannel.Kind.SMS, URI.create(endpoint));
    }

    private static PushMessage notice(String json) {
        return new PushMessage(json.getBytes(StandardCharsets.UTF_8), Duration.ofHours(1), PushMessage.Urgency.NORMAL, "mail-42");
    }

    private PushOutcome send(String endpoint, String json) throws Exception {
        return transport.send(phone(endpoint), notice(json)).toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    @Test
    void aMailBecomesAPlainSmsInGsm7() throws Exception {
        smsc = new FakeSmsc(0);
        transport = transport(smsc.port(), 3);

        assertThat(send("tel:+4915112345678", MAIL)).isEqualTo(new PushOutcome.Delivered());

        SubmitSm submit = smsc.nextSubmit();
        assertThat(smsc.binds.take().getSystemId()).isEqualTo("mailpush");
        assertThat(submit.getDestAddress()).isEqualTo("4915112345678");
        assertThat(submit.getDestAddrTon()).isEqualTo((byte) 0x01);  // international
        assertThat(submit.getDestAddrNpi()).isEqualTo((byte) 0x01);  // ISDN (E.164)
        assertThat(submit.getSourceAddr()).isEqualTo("4930123");
        assertThat(submit.getDataCoding()).isEqualTo((byte) 0x00);
        assertThat(submit.getEsmClass()).isEqualTo((byte) 0x00);
        assertThat(submit.getShortMessage()).isEqualTo(Octets.of().ascii("Mail from ann").hex("00").ascii("x.org: Hi").build());
    }

    @Test
    void aWapSiChannelGetsTheServiceIndicationAsBinary() throws Exception {
        smsc = new FakeSmsc(0);
        transport = transport(smsc.port(), 3);

        assertThat(send("tel:+4915112345678;wap=si", MAIL)).isEqualTo(new PushOutcome.Delivered());

        SubmitSm submit = smsc.nextSubmit();
        assertThat(submit.getDataCoding()).isEqualTo((byte) 0x04);  // 8-bit binary
        assertThat(submit.getEsmClass()).isEqualTo((byte) 0x40);    // UDHI
        assertThat(submit.getShortMessage()).isEqualTo(Octets.of()
                .hex("06 05 04 0B 84 23 F0")   // UDH: ports 2948 ← 9200
                .hex("00")                     // WSP transaction id: the first message's reference
                .hex("06 03 AE AF 82")         // Push; 3 octets of headers: application/vnd.wap.sic, X-Wap-Application-Id wml.ua
                .hex("02 05 6A 00 45 C6")      // WBXML 1.2, SI 1.0, UTF-8, no string table; <si><indication …>
                .hex("0E 03").ascii("mail.example.org/api/link/mails/42/raw").hex("00")   // href="https://" + inline rest
                .hex("11 03").ascii("mail-42").hex("00")                                 // si-id
                .hex("0A C3 06 20 24 05 01 12 30")                                      // created 2024-05-01T12:30:00Z
                .hex("07 01")                  // action="signal-medium"; END of attributes
                .hex("03").ascii("Mail from ann@x.org: Hi").hex("00")
                .hex("01 01")                  // </indication></si>
                .build());
    }

    @Test
    void aRetractionIsNotSent() throws Exception {
        smsc = new FakeSmsc(0);
        transport = transport(smsc.port(), 3);

        assertThat(send("tel:+4915112345678", "{\"type\":\"retract\",\"mail\":\"42\",\"seq\":8,\"url\":\"/terminal.html#mail-42\"}"))
                .isEqualTo(new PushOutcome.Delivered());
        assertThat(send("tel:+4915112345678", MAIL)).isEqualTo(new PushOutcome.Delivered());
        assertThat(smsc.nextSubmit().getShortMessage()).startsWith("Mail".getBytes(StandardCharsets.US_ASCII));
        assertThat(smsc.submits).isEmpty();
    }

    @Test
    void anInvalidDestinationIsGone() throws Exception {
        smsc = new FakeSmsc(0);
        transport = transport(smsc.port(), 3);
        smsc.refuseNext(SubmitStatus.ESME_RINVDSTADR);

        assertThat(send("tel:+4915112345678", MAIL)).isInstanceOfSatisfying(PushOutcome.Gone.class,
                gone -> assertThat(gone.reason()).contains("ESME_RINVDSTADR"));
    }

    @Test
    void throttlingIsRetriedThenDeliveredOrFailed() throws Exception {
        smsc = new FakeSmsc(0);
        transport = transport(smsc.port(), 3);
        smsc.refuseNext(SubmitStatus.ESME_RTHROTTLED);
        smsc.refuseNext(SubmitStatus.ESME_RMSGQFUL);

        assertThat(send("tel:+4915112345678", MAIL)).isEqualTo(new PushOutcome.Delivered());
        assertThat(smsc.submits).hasSize(3);

        smsc.submits.clear();
        for (int i = 0; i < 3; i++) {
            smsc.refuseNext(SubmitStatus.ESME_RTHROTTLED);
        }
        assertThat(send("tel:+4915112345678", MAIL)).isInstanceOfSatisfying(PushOutcome.Failed.class,
                failed -> assertThat(failed.reason()).contains("gave up after 3", "ESME_RTHROTTLED"));
    }

    @Test
    void anEndpointThatIsNoPhoneNumberIsGone() throws Exception {
        smsc = new FakeSmsc(0);
        transport = transport(smsc.port(), 3);

        assertThat(send("tel:0301234", MAIL)).isInstanceOf(PushOutcome.Gone.class);
    }

    @Test
    void whileTheSmscIsDownMessagesWaitAndGoWhenItIsBack() throws Exception {
        int port;
        try (var first = new FakeSmsc(0)) {
            port = first.port();
        }
        transport = transport(port, 20);

        var outcome = transport.send(phone("tel:+4915112345678"), notice(MAIL)).toCompletableFuture();
        assertThat(outcome).isNotDone();
        smsc = new FakeSmsc(port);

        assertThat(outcome.get(30, TimeUnit.SECONDS)).isEqualTo(new PushOutcome.Delivered());
        assertThat(smsc.nextSubmit().getDestAddress()).isEqualTo("4915112345678");
    }

    @Test
    void whenTheSmscStaysDownTheMessageFails() throws Exception {
        int port;
        try (var first = new FakeSmsc(0)) {
            port = first.port();
        }
        transport = transport(port, 2);

        assertThat(send("tel:+4915112345678", MAIL)).isInstanceOfSatisfying(PushOutcome.Failed.class,
                failed -> assertThat(failed.reason()).contains("gave up after 2", "not bound"));
    }
}
