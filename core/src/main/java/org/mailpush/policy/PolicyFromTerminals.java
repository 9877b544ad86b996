package org.mailpush.policy;

import org.mailpush.user.UserId;

/**
 * Whether a user lets their terminals set their push policy (SPEC T6) — with {@code policy.set} on the
 * link or a device token on {@code PUT /api/policy}. They may until the user says otherwise. Safe for
 * concurrent use.
 */
public interface PolicyFromTerminals {

    /** Whether the user's terminals may set the policy; true for a user who never said. */
    boolean allowed(UserId user);

    /** Records the user's choice. */
    void allow(UserId user, boolean allowed);
}
