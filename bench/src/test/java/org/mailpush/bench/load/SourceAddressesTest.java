package org.mailpush.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SourceAddressesTest {
    @Test
    void connectionsFillOneLoopbackAddressAfterAnother() {
        var sources = new SourceAddresses(25_000);

        assertThat(sources.indexOf(0)).isZero();
        assertThat(sources.indexOf(24_999)).isZero();
        assertThat(sources.indexOf(25_000)).isEqualTo(1);
        assertThat(sources.count(100_000)).isEqualTo(4);
        assertThat(sources.count(0)).isZero();
    }

    @Test
    void addressesRunThroughLoopback() {
        assertThat(SourceAddresses.address(0).getHostAddress()).isEqualTo("127.0.0.1");
        assertThat(SourceAddresses.address(1).getHostAddress()).isEqualTo("127.0.0.2");
        assertThat(SourceAddresses.address(252).getHostAddress()).isEqualTo("127.0.0.253");
        assertThat(SourceAddresses.address(253).getHostAddress()).isEqualTo("127.0.1.1");
        assertThat(SourceAddresses.address(0).isLoopbackAddress()).isTrue();
        assertThatThrownBy(() -> SourceAddresses.address(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
