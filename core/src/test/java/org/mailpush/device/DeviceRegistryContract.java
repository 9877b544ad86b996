package org.mailpush.device;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.mailpush.user.MailAddress;
import org.mailpush.user.User;
import org.mailpush.user.UserDirectory;
import org.mailpush.user.UserId;

/**
 * What every {@link DeviceRegistry} does. Each test first adds the devices' owners to {@link #users()},
 * as a store that keeps users and devices together requires.
 */
public interface DeviceRegistryContract {
    UserId ALICE = new UserId("alice");
    UserId BOB = new UserId("bob");

    /** The registry under test: empty at the start of each test, the same instance within it. */
    DeviceRegistry devices();

    /** The directory the registry's owners live in, the same instance within a test. */
    UserDirectory users();

    private void addOwners() {
        users().add(new User(ALICE, "Alice", Set.of(MailAddress.of("alice@example.com"))));
        users().add(new User(BOB, "Bob", Set.of(MailAddress.of("bob@example.com"))));
    }

    private static Device phone(String id, UserId owner) {
        var capabilities = new Capabilities(false, false, 64 * 1024, Set.of("text/plain"));
        return new Device(new DeviceId(id), owner, "Phone " + id, DeviceType.PHONE, capabilities, List.of(new DeviceAddress.Link()));
    }

    @Test
    default void savedDeviceIsFoundWithCapabilitiesAndEveryKindOfAddress() {
        addOwners();
        var capabilities = new Capabilities(true, true, Capabilities.UNLIMITED, Set.of("image/*", "application/pdf"));
        var addresses = List.of(
                DeviceAddress.parse("https://push.example.com/wpush/v2/abc?x=1&y=%20"),
                DeviceAddress.parse("tel:+4915112345678"),
                DeviceAddress.parse("ip:10.0.0.7"),
                DeviceAddress.parse("ip:fe80::1"),
                DeviceAddress.parse("mac:3c:22:fb:01:02:03"),
                new DeviceAddress.Link());
        var laptop = new Device(new DeviceId("laptop-1"), ALICE, "Alice's laptop ✓", DeviceType.LAPTOP, capabilities, addresses);

        assertThat(devices().save(laptop)).isTrue();

        assertThat(devices().find(laptop.id())).contains(laptop);
    }

    @Test
    default void deviceWithoutAddressesIsKept() {
        addOwners();
        var badge = new Device(new DeviceId("badge"), ALICE, "Badge", DeviceType.LOCATOR,
                new Capabilities(false, false, 1, Set.of()), List.of());

        devices().save(badge);

        assertThat(devices().find(badge.id())).contains(badge);
    }

    @Test
    default void unknownDeviceIsNotFound() {
        addOwners();
        assertThat(devices().find(new DeviceId("nothing"))).isEmpty();
    }

    @Test
    default void savingAgainReplacesTheDevice() {
        addOwners();
        devices().save(phone("p1", ALICE));
        var changed = new Device(new DeviceId("p1"), ALICE, "Renamed", DeviceType.TABLET, Capabilities.FULL,
                List.of(DeviceAddress.parse("tel:+4915100000000")));

        assertThat(devices().save(changed)).isTrue();

        assertThat(devices().find(changed.id())).contains(changed);
        assertThat(devices().devicesOf(ALICE)).containsExactly(changed);
    }

    @Test
    default void deviceIdOfAnotherUserCannotBeTaken() {
        addOwners();
        devices().save(phone("p1", ALICE));

        assertThat(devices().save(phone("p1", BOB))).isFalse();

        assertThat(devices().find(new DeviceId("p1"))).contains(phone("p1", ALICE));
        assertThat(devices().devicesOf(BOB)).isEmpty();
    }

    @Test
    default void devicesOfListsTheOwnersDevicesOrderedById() {
        addOwners();
        for (String id : new String[] {"b-phone", "a-desktop", "A-laptop"}) {
            devices().save(phone(id, ALICE));
        }
        devices().save(phone("bobs", BOB));

        assertThat(devices().devicesOf(ALICE)).extracting(d -> d.id().value()).containsExactly("A-laptop", "a-desktop", "b-phone");
        assertThat(devices().devicesOf(BOB)).containsExactly(phone("bobs", BOB));
        assertThat(devices().devicesOf(new UserId("carol"))).isEmpty();
    }

    @Test
    default void addressesKeepTheirOrderOfPreference() {
        addOwners();
        var addresses = List.of(DeviceAddress.parse("tel:+4915100000002"), DeviceAddress.parse("tel:+4915100000001"),
                new DeviceAddress.Link());
        var device = new Device(new DeviceId("p1"), ALICE, "Phone", DeviceType.PHONE, Capabilities.FULL, addresses);

        devices().save(device);

        assertThat(devices().devicesOf(ALICE).getFirst().addresses()).containsExactlyElementsOf(addresses);
    }

    @Test
    default void removedDeviceIsGone() {
        addOwners();
        devices().save(phone("p1", ALICE));
        devices().save(phone("p2", ALICE));

        assertThat(devices().remove(ALICE, new DeviceId("p1"))).isTrue();

        assertThat(devices().find(new DeviceId("p1"))).isEmpty();
        assertThat(devices().devicesOf(ALICE)).containsExactly(phone("p2", ALICE));
        assertThat(devices().remove(ALICE, new DeviceId("p1"))).isFalse();
    }

    @Test
    default void onlyTheOwnerRemovesADevice() {
        addOwners();
        devices().save(phone("p1", ALICE));

        assertThat(devices().remove(BOB, new DeviceId("p1"))).isFalse();

        assertThat(devices().find(new DeviceId("p1"))).isPresent();
    }
}
