package org.mailpush.agent.inbox;

import java.io.IOException;

/** Downloads a mail too large to be pushed whole, from the {@code fetch} path its delivery named. */
@FunctionalInterface
public interface RawMail {
    byte[] fetch(String path) throws IOException;
}
