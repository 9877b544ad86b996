package org.mailpush.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TrustedProxiesTest {
    private final TrustedProxies proxies = new TrustedProxies(List.of("10.0.0.0/8", "192.0.2.1", "fd00::/8"));

    @Test
    void aPeerThatIsNoTrustedProxyIsTheClientWhateverItsHeadersSay() {
        assertThat(proxies.client("203.0.113.5", List.of("for=198.51.100.1"), List.of("198.51.100.1"))).isEqualTo("203.0.113.5");
        assertThat(TrustedProxies.NONE.client("10.0.0.1", List.of(), List.of("198.51.100.1"))).isEqualTo("10.0.0.1");
    }

    @Test
    void aTrustedProxyNamesTheRightMostAddressThatIsNotATrustedProxy() {
        assertThat(proxies.client("10.1.2.3", List.of(), List.of("1.1.1.1, 198.51.100.7, 10.9.9.9"))).isEqualTo("198.51.100.7");
        assertThat(proxies.client("192.0.2.1", List.of(), List.of("1.1.1.1", "198.51.100.8"))).isEqualTo("198.51.100.8");
        assertThat(proxies.client("[fd00::1]", List.of(), List.of("2001:db8::9"))).isEqualTo("2001:db8::9");
    }

    @Test
    void forwardedIsPreferredToXForwardedFor() {
        assertThat(proxies.client("10.1.2.3", List.of("for=1.1.1.1, for=\"[2001:db8::7]:4711\";proto=https"), List.of("198.51.100.1")))
                .isEqualTo("2001:db8::7");
        assertThat(proxies.client("10.1.2.3", List.of("for=198.51.100.2:8080;by=10.1.2.3"), List.of())).isEqualTo("198.51.100.2");
    }

    @Test
    void withoutAHeaderOrBehindGarbageTheLastTrustedHopIsTheClient() {
        assertThat(proxies.client("10.1.2.3", List.of(), List.of())).isEqualTo("10.1.2.3");
        assertThat(proxies.client("10.1.2.3", List.of(), List.of("1.1.1.1, unknown, 10.0.0.9"))).isEqualTo("10.0.0.9");
        assertThat(proxies.client("10.1.2.3", List.of("for=_hidden"), List.of())).isEqualTo("10.1.2.3");
    }

    @Test
    void theSchemeIsTheSocketsUnlessATrustedProxySaysHttpOrHttps() {
        assertThat(proxies.scheme("203.0.113.5", "http", List.of("for=1.1.1.1;proto=https"), List.of("https"))).isEqualTo("http");
        assertThat(TrustedProxies.NONE.scheme("10.0.0.1", "http", List.of(), List.of("https"))).isEqualTo("http");
        assertThat(proxies.scheme("10.1.2.3", "http", List.of(), List.of("https"))).isEqualTo("https");
        assertThat(proxies.scheme("10.1.2.3", "http", List.of(), List.of("http, HTTPS"))).as("the nearest proxy's").isEqualTo("https");
        assertThat(proxies.scheme("10.1.2.3", "http", List.of("for=1.1.1.1;proto=http, for=198.51.100.2;proto=\"https\""),
                List.of("http"))).as("Forwarded before X-Forwarded-Proto").isEqualTo("https");
        assertThat(proxies.scheme("10.1.2.3", "http", List.of("for=198.51.100.2"), List.of("https"))).isEqualTo("http");
        assertThat(proxies.scheme("10.1.2.3", "https", List.of(), List.of("gopher"))).isEqualTo("https");
        assertThat(proxies.scheme("10.1.2.3", "http", List.of(), List.of())).isEqualTo("http");
    }

    @Test
    void aBadBlockIsRefusedNamingIt() {
        assertThatThrownBy(() -> new TrustedProxies(List.of("proxy.example.com")))
                .hasMessageContaining("'proxy.example.com' is not an IP address or CIDR block");
        assertThatThrownBy(() -> new TrustedProxies(List.of("10.0.0.0/33"))).hasMessageContaining("prefix length must be 0 to 32");
    }
}
