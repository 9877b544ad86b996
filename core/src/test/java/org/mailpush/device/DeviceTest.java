package org.mailpush.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.mailpush.user.UserId;

class DeviceTest {
    private static final UserId ALICE = new UserId("alice");

    @ParameterizedTest
    @ValueSource(strings = {"p1", "Alice-Phone_2.0", "x"})
    void idsOfLettersDigitsAndPunctuation(String id) {
        assertThat(new DeviceId(id)).hasToString(id);
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "my phone", "phone/1", "ünïcode"})
    void otherIdsAreRejected(String id) {
        assertThatThrownBy(() -> new DeviceId(id))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("device id");
        assertThatThrownBy(() -> new UserId(id))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("user id");
    }

    @Test
    void idsAreAtMost64Characters() {
        assertThat(new DeviceId("a".repeat(64))).isNotNull();
        assertThatThrownBy(() -> new DeviceId("a".repeat(65))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void idsOrderByText() {
        assertThat(List.of(new DeviceId("b"), new DeviceId("a"), new DeviceId("B")).stream().sorted().map(DeviceId::value))
                .containsExactly("B", "a", "b");
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "   "})
    void aDeviceNeedsAName(String name) {
        assertThatThrownBy(() -> device(name, List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("device name");
    }

    @Test
    void namesAreAtMost100Characters() {
        assertThat(device("n".repeat(100), List.of()).name()).hasSize(100);
        assertThatThrownBy(() -> device("n".repeat(101), List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void addressesAreCopied() {
        var addresses = new ArrayList<DeviceAddress>(List.of(new DeviceAddress.IpAddress("10.0.0.7")));
        Device device = device("Laptop", addresses);
        addresses.clear();

        assertThat(device.addresses()).containsExactly(new DeviceAddress.IpAddress("10.0.0.7"));
    }

    @Test
    void onlyLocatorsReceiveNoMail() {
        for (DeviceType type : DeviceType.values()) {
            assertThat(type.receivesMail()).as(type.word()).isEqualTo(type != DeviceType.LOCATOR);
        }
        assertThat(DeviceType.LAPTOP.word()).isEqualTo("laptop");
    }

    private static Device device(String name, List<DeviceAddress> addresses) {
        return new Device(new DeviceId("d1"), ALICE, name, DeviceType.LAPTOP, Capabilities.FULL, addresses);
    }
}
