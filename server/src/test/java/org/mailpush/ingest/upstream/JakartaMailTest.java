package org.mailpush.ingest.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.mailpush.upstream.MailProtocol;
import org.mailpush.upstream.Secret;
import org.mailpush.upstream.TlsMode;
import org.mailpush.upstream.UpstreamServer;

class JakartaMailTest {
    private static final UpstreamSettings SETTINGS = UpstreamSettings.DEFAULTS;

    @Test
    void plainImapReadsWithPeekAndNeverTraces() {
        var server = server(MailProtocol.IMAP, TlsMode.NONE);

        var properties = JakartaMail.properties(server, SETTINGS);

        assertThat(JakartaMail.protocol(server)).isEqualTo("imap");
        assertThat(properties)
                .containsEntry("mail.debug", "false")
                .containsEntry("mail.debug.auth", "false")
                .containsEntry("mail.imap.peek", "true")
                .containsEntry("mail.imap.connectiontimeout", "30000")
                .containsEntry("mail.imap.timeout", "60000")
                .doesNotContainKey("mail.imap.starttls.enable")
                .doesNotContainKey("mail.imap.ssl.enable");
        assertThat(properties.values()).noneMatch(v -> v.toString().contains("s3cr3t"));
    }

    @Test
    void startTlsIsRequiredNotJustTried() {
        var properties = JakartaMail.properties(server(MailProtocol.POP3, TlsMode.STARTTLS), SETTINGS);

        assertThat(JakartaMail.protocol(server(MailProtocol.POP3, TlsMode.STARTTLS))).isEqualTo("pop3");
        assertThat(properties)
                .containsEntry("mail.pop3.starttls.enable", "true")
                .containsEntry("mail.pop3.starttls.required", "true")
                .containsEntry("mail.pop3.ssl.checkserveridentity", "true");
    }

    @Test
    void implicitTlsUsesTheSecureProtocols() {
        var imaps = server(MailProtocol.IMAP, TlsMode.IMPLICIT);
        var pop3s = server(MailProtocol.POP3, TlsMode.IMPLICIT);

        assertThat(JakartaMail.protocol(imaps)).isEqualTo("imaps");
        assertThat(JakartaMail.protocol(pop3s)).isEqualTo("pop3s");
        assertThat(JakartaMail.properties(imaps, SETTINGS))
                .containsEntry("mail.imaps.ssl.enable", "true")
                .containsEntry("mail.imaps.ssl.checkserveridentity", "true")
                .containsEntry("mail.imaps.peek", "true");
        assertThat(JakartaMail.properties(pop3s, SETTINGS)).containsEntry("mail.pop3s.ssl.enable", "true");
    }

    private static UpstreamServer server(MailProtocol protocol, TlsMode tls) {
        return new UpstreamServer(protocol, "mail.example.org", 1143, tls, "alice", new Secret("s3cr3t"), null);
    }
}
