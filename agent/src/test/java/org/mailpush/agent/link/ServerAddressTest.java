package org.mailpush.agent.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ServerAddressTest {
    @ParameterizedTest
    @ValueSource(strings = {"http://mail.example.com:8025", "http://192.0.2.7:8025", "http://[2001:db8::1]:8025",
        "http://localhost.example.com"})
    void plainHttpToAnotherMachineIsRefusedNamingTheFlag(String url) {
        assertThatThrownBy(() -> ServerAddress.checked(URI.create(url), false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("refusing plain " + url)
                .hasMessageContaining("https://")
                .hasMessageContaining("--insecure");
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://mail.example.com", "http://127.0.0.1:8025", "http://127.8.9.1", "http://localhost:8025",
        "http://[::1]:8025"})
    void httpsAndThisMachineAreAllowed(String url) {
        assertThat(ServerAddress.checked(URI.create(url), false).base()).isEqualTo(URI.create(url));
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://mail.example.com:8025", "http://192.0.2.7"})
    void insecureAllowsPlainHttpToAnotherMachine(String url) {
        assertThat(ServerAddress.checked(URI.create(url), true).link()).hasScheme("ws");
    }
}
