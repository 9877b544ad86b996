package org.mailpush.upstream;

import java.util.Objects;
import org.mailpush.user.UserId;

/** A mailbox on another mail server that mailpush watches for a user (SPEC S1, separate mode). */
public record UpstreamAccount(UpstreamAccountId id, UserId owner, UpstreamServer server) {
    public UpstreamAccount {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(server, "server");
    }
}
