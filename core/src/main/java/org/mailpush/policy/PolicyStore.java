package org.mailpush.policy;

import java.util.Optional;
import org.mailpush.user.UserId;

/** Each user's push policy (SPEC S6). Implementations are safe for concurrent use. */
public interface PolicyStore {

    /** The user's policy; empty when they never set one (the router then uses {@link Policy#FAIL_OPEN_ONLY}). */
    Optional<Policy> policyOf(UserId user);

    /**
     * Replaces the user's policy. The user is one of the {@link org.mailpush.user.UserDirectory}: a
     * store that keeps users and policies together refuses any other with a
     * {@link org.mailpush.mail.StoreException}.
     */
    void save(UserId user, Policy policy);
}
