package org.mailpush.ingest.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.mailpush.upstream.MailProtocol;
import org.mailpush.upstream.Secret;
import org.mailpush.upstream.TlsMode;
import org.mailpush.upstream.UpstreamServer;

class UpstreamGuardTest {

    private static UpstreamServer server(String host, TlsMode tls) {
        return new UpstreamServer(MailProtocol.IMAP, host, 143, tls, "alice", new Secret("pw"), "INBOX");
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "localhost", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254", "0.0.0.0",
            "100.64.0.1", "224.0.0.1", "::1", "fe80::1", "fd00::1", "::"})
    void refusesLoopbackLinkLocalAndPrivateAddressesUnlessAllowed(String host) throws Exception {
        assertThat(UpstreamGuard.internal(InetAddress.getAllByName(host)[0])).isTrue();
        assertThat(new UpstreamGuard(false).refusal(server(host, TlsMode.IMPLICIT), false))
                .hasValueSatisfying(reason -> assertThat(reason).contains("upstream.allow-private-addresses"));
        assertThat(new UpstreamGuard(true).refusal(server(host, TlsMode.NONE), false)).isEmpty();
    }

    @Test
    void plainTextToAHostBeyondTheLocalNetworkNeedsConfirming() {
        var guard = new UpstreamGuard(false);

        assertThat(guard.refusal(server("192.0.2.10", TlsMode.NONE), false))
                .hasValueSatisfying(reason -> assertThat(reason).contains("clear text", "insecure"));
        assertThat(guard.refusal(server("192.0.2.10", TlsMode.NONE), true)).isEmpty();
        assertThat(guard.refusal(server("192.0.2.10", TlsMode.STARTTLS), false)).isEmpty();
    }
}
