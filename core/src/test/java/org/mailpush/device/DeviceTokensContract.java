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
 * What every {@link DeviceTokens} does. Each test first registers the devices in {@link #devices()},
 * and their owner in {@link #users()}, as a store that keeps devices and their tokens together
 * requires.
 */
public interface DeviceTokensContract {
    UserId ALICE = new UserId("alice");
    DeviceId PHONE = new DeviceId("phone");
    DeviceId LAPTOP = new DeviceId("laptop");
    TokenHash FIRST = TokenHash.of("first token");
    TokenHash SECOND = TokenHash.of("second token");

    /** The tokens under test: none at the start of each test, the same instance within it. */
    DeviceTokens tokens();

    /** The registry the devices live in, the same instance within a test. */
    DeviceRegistry devices();

    /** The directory the devices' owner lives in, the same instance within a test. */
    UserDirectory users();

    private void addDevices() {
        users().add(new User(ALICE, "Alice", Set.of(MailAddress.of("alice@example.com"))));
        for (DeviceId id : List.of(PHONE, LAPTOP)) {
            devices().save(new Device(id, ALICE, id.value(), DeviceType.PHONE, Capabilities.FULL, List.of(new DeviceAddress.Link())));
        }
    }

    @Test
    default void issuedTokenNamesItsDevice() {
        addDevices();

        tokens().issue(PHONE, FIRST);

        assertThat(tokens().deviceOf(FIRST)).contains(PHONE);
        assertThat(tokens().deviceOf(SECOND)).isEmpty();
    }

    @Test
    default void issuingAgainReplacesTheDevicesToken() {
        addDevices();
        tokens().issue(PHONE, FIRST);

        tokens().issue(PHONE, SECOND);

        assertThat(tokens().deviceOf(FIRST)).isEmpty();
        assertThat(tokens().deviceOf(SECOND)).contains(PHONE);
    }

    @Test
    default void eachDeviceHasATokenOfItsOwn() {
        addDevices();

        tokens().issue(PHONE, FIRST);
        tokens().issue(LAPTOP, SECOND);

        assertThat(tokens().deviceOf(FIRST)).contains(PHONE);
        assertThat(tokens().deviceOf(SECOND)).contains(LAPTOP);
    }

    @Test
    default void aTokenIssuedToAnotherDeviceMovesThere() {
        addDevices();
        tokens().issue(PHONE, FIRST);

        tokens().issue(LAPTOP, FIRST);

        assertThat(tokens().deviceOf(FIRST)).contains(LAPTOP);
        assertThat(tokens().revoke(PHONE)).isFalse();
    }

    @Test
    default void revokedTokenNamesNoDeviceAndOnlyThatOneIsRevoked() {
        addDevices();
        tokens().issue(PHONE, FIRST);
        tokens().issue(LAPTOP, SECOND);

        assertThat(tokens().revoke(PHONE)).isTrue();

        assertThat(tokens().deviceOf(FIRST)).isEmpty();
        assertThat(tokens().deviceOf(SECOND)).contains(LAPTOP);
        assertThat(tokens().revoke(PHONE)).isFalse();
    }

    @Test
    default void revokingADeviceWithoutATokenIsFalse() {
        addDevices();

        assertThat(tokens().revoke(PHONE)).isFalse();
        assertThat(tokens().revoke(new DeviceId("never-registered"))).isFalse();
    }

    @Test
    default void aRevokedDeviceCanBeGivenATokenAgain() {
        addDevices();
        tokens().issue(PHONE, FIRST);
        tokens().revoke(PHONE);

        tokens().issue(PHONE, SECOND);

        assertThat(tokens().deviceOf(SECOND)).contains(PHONE);
        assertThat(tokens().deviceOf(FIRST)).isEmpty();
    }
}
