package org.mailpush.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class DeviceAddressTest {

    @Test
    void theLiveLink() {
        assertThat(new DeviceAddress.Link().uri()).isEqualTo("link:");
    }

    @Nested
    class PhoneNumbers {
        @ParameterizedTest
        @ValueSource(strings = {"+4915112345678", "+1234567", "+123456789012345"})
        void inE164Form(String number) {
            assertThat(new DeviceAddress.PhoneNumber(number).uri()).isEqualTo("tel:" + number);
        }

        @ParameterizedTest
        @NullSource
        @ValueSource(strings = {"", "4915112345678", "+0151123456", "+123456", "+1234567890123456", "+49 151 12345678", "tel:+4915112345678"})
        void otherFormsAreRejected(String number) {
            assertThatThrownBy(() -> new DeviceAddress.PhoneNumber(number))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("E.164");
        }
    }

    @Nested
    class IpAddresses {
        @ParameterizedTest
        @ValueSource(strings = {"10.0.0.7", "192.168.178.20", "::1", "fe80::1", "2001:db8::8a2e:370:7334", "::ffff:10.0.0.7"})
        void v4AndV6Literals(String literal) {
            assertThat(new DeviceAddress.IpAddress(literal).uri()).isEqualTo("ip:" + literal);
        }

        @ParameterizedTest
        @NullSource
        @ValueSource(strings = {"", "10.0.0", "laptop.example.net", "10.0.0.7:8080x", "[::1]", "ip:10.0.0.7", "999.999.999.999", "256.1.1.1", ":", "10.0.0.7:8080", "1:2:3:4:5:6:7:8:9:10"})
        void otherFormsAreRejected(String literal) {
            assertThatThrownBy(() -> new DeviceAddress.IpAddress(literal))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("IP address");
        }
    }

    @Nested
    class MacAddresses {
        @Test
        void colonSeparatedLowerCase() {
            assertThat(new DeviceAddress.MacAddress("3c:22:fb:01:02:03").uri()).isEqualTo("mac:3c:22:fb:01:02:03");
        }

        @Test
        void upperCaseAndDashesAreNormalised() {
            var mac = new DeviceAddress.MacAddress("3C-22-FB-01-02-0A");

            assertThat(mac.hex()).isEqualTo("3c:22:fb:01:02:0a");
            assertThat(mac).isEqualTo(new DeviceAddress.MacAddress("3c:22:fb:01:02:0a"));
        }

        @ParameterizedTest
        @NullSource
        @ValueSource(strings = {"", "3c:22:fb:01:02", "3c:22:fb:01:02:03:04", "3c22.fb01.0203", "3g:22:fb:01:02:03"})
        void otherFormsAreRejected(String hex) {
            assertThatThrownBy(() -> new DeviceAddress.MacAddress(hex))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("MAC address");
        }
    }

    @Nested
    class PushEndpoints {
        @Test
        void anAbsoluteUri() {
            var endpoint = URI.create("https://fcm.googleapis.com/fcm/send/abc123");

            assertThat(new DeviceAddress.PushEndpoint(endpoint).uri()).isEqualTo("https://fcm.googleapis.com/fcm/send/abc123");
        }

        @Test
        void relativeOrMissingIsRejected() {
            assertThatThrownBy(() -> new DeviceAddress.PushEndpoint(URI.create("/fcm/send/abc123")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("absolute");
            assertThatThrownBy(() -> new DeviceAddress.PushEndpoint(null))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
