package org.mailpush.user;

import java.util.List;
import java.util.Optional;

/** The users and the addresses their mail arrives at. Implementations are safe for concurrent use. */
public interface UserDirectory {

    /** Adds a user; refused when the id or one of the addresses is taken. */
    AddResult add(User user);

    Optional<User> find(UserId id);

    /** The user an address belongs to. */
    Optional<UserId> owner(MailAddress address);

    /** Whether some user has an address in this domain (lower case). */
    boolean servesDomain(String domain);

    /** All users, ordered by id. */
    List<User> list();

    /** Removes a user with everything that is theirs; false when there was none. */
    boolean remove(UserId id);

    /** The outcome of {@link #add}. */
    enum AddResult {
        ADDED,
        ID_TAKEN,
        ADDRESS_TAKEN
    }
}
