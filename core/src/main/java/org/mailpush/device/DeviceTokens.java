package org.mailpush.device;

import java.util.Optional;

/**
 * Which device a token belongs to. Only token hashes are kept: a token is shown once, when it is
 * issued. Implementations are safe for concurrent use.
 */
public interface DeviceTokens {

    /** Gives the device this token, replacing any token it had. */
    void issue(DeviceId device, TokenHash token);

    /** The device a token belongs to. */
    Optional<DeviceId> deviceOf(TokenHash token);

    /** Takes the device's token away; false when it had none. */
    boolean revoke(DeviceId device);
}
