package org.mailpush.push.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class EndpointCheckTest {
    private final EndpointCheck httpsOnly = new EndpointCheck(false);
    private final EndpointCheck loopbackAllowed = new EndpointCheck(true);

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.8.9.10", "[::1]", "0.0.0.0", "[::]", "0.1.2.3", "10.1.2.3", "172.16.0.1",
            "172.31.255.255", "192.168.1.1", "169.254.169.254", "[fe80::1]", "[fc00::1]", "[fd12:3456::1]", "[fec0::1]",
            "100.64.0.1", "100.127.255.254", "224.0.0.1", "239.255.255.250", "[ff02::1]", "240.0.0.1", "255.255.255.255",
            "[::ffff:10.0.0.1]", "localhost"})
    void anHttpsEndpointOnAnInternalAddressIsRefused(String host) throws Exception {
        assertThat(httpsOnly.refusal(URI.create("https://" + host + "/push/abc"))).hasValueSatisfying(reason ->
                assertThat(reason).contains("resolves to").contains("address"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.8.8.8", "100.63.255.255", "100.128.0.1", "172.32.0.1", "192.169.0.1", "[2001:4860:4860::8888]"})
    void anHttpsEndpointOnAPublicAddressIsUsed(String host) throws Exception {
        assertThat(httpsOnly.refusal(URI.create("https://" + host + "/push/abc"))).isEmpty();
    }

    @Test
    void aNameIsRefusedWhenAnyOfItsAddressesIsInternal() throws Exception {
        var check = new EndpointCheck(false, host -> new InetAddress[] {
                InetAddress.getByName("93.184.215.14"), InetAddress.getByName("192.168.0.7")});

        assertThat(check.refusal(URI.create("https://push.example.net/p"))).hasValue(
                "push.example.net resolves to 192.168.0.7, a private address");
    }

    @Test
    void httpIsRefusedUnlessAllowedAndThenOnlyToLoopback() throws Exception {
        assertThat(httpsOnly.refusal(URI.create("http://127.0.0.1:8080/p"))).hasValue("only https push endpoints are used, not http");
        assertThat(loopbackAllowed.refusal(URI.create("http://127.0.0.1:8080/p"))).isEmpty();
        assertThat(loopbackAllowed.refusal(URI.create("http://[::1]:8080/p"))).isEmpty();
        assertThat(loopbackAllowed.refusal(URI.create("http://8.8.8.8/p"))).hasValueSatisfying(reason ->
                assertThat(reason).startsWith("http is allowed to loopback addresses only"));
        assertThat(loopbackAllowed.refusal(URI.create("http://10.0.0.1/p"))).isPresent();
        assertThat(loopbackAllowed.refusal(URI.create("https://127.0.0.1/p"))).as("https to loopback stays refused").isPresent();
    }

    @Test
    void aHostThatDoesNotResolveIsAnException() {
        var check = new EndpointCheck(false, host -> {
            throw new UnknownHostException(host);
        });

        assertThatThrownBy(() -> check.refusal(URI.create("https://push.invalid/p"))).isInstanceOf(UnknownHostException.class);
    }
}
