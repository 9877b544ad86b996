package org.mailpush.device;

import java.util.Optional;

/**
 * Which device a token belongs to. Only token hashes are kept: a token is shown once, when it is
 * issued. A device has at most one token and a token belongs to at most one device. Implementations
 * are safe for concurrent use.
 */
public interface DeviceTokens {

    /**
     * Gives the device this token, replacing any token it had; a token another device held moves to
     * this one. The device is one of the {@link DeviceRegistry}: a store that keeps devices and tokens
     * together refuses any other with a {@link org.mailpush.mail.StoreException}, and drops a
     * device's token when the device is removed.
     */
    void issue(DeviceId device, TokenHash token);

    /** The device a token belongs to. */
    Optional<DeviceId> deviceOf(TokenHash token);

    /** Takes the device's token away; false when it had none. */
    boolean revoke(DeviceId device);
}
