package org.mailpush.push;

import java.io.IOException;
import org.mailpush.device.DeviceAddress;

/**
 * Wakes a sleeping or switched-off laptop or desktop through its network card (SPEC M6): Wake-on-LAN.
 * A wake is a shout with no answer; whether the machine woke shows only when its terminal says hello
 * on its link again, which the caller waits for.
 */
public interface Waker {
    /** A server that wakes nothing: every wake fails, so the mail falls over to the plan's next choice. */
    Waker NONE = mac -> {
        throw new IOException("Wake-on-LAN is not configured");
    };

    /**
     * Sends the wake signal to the network card with this address; returns once it is sent.
     *
     * @throws IOException when it could not be sent
     */
    void wake(DeviceAddress.MacAddress mac) throws IOException;
}
