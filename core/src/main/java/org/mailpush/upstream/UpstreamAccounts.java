package org.mailpush.upstream;

import java.util.List;
import java.util.Optional;
import org.mailpush.user.UserId;

/** The upstream accounts mailpush watches. Implementations are safe for concurrent use. */
public interface UpstreamAccounts {

    /**
     * Adds an account for a user and assigns its id. The owner is a user of the
     * {@link org.mailpush.user.UserDirectory}: a store that keeps users and accounts together refuses
     * any other with a {@link org.mailpush.mail.StoreException}.
     */
    UpstreamAccount add(UserId owner, UpstreamServer server);

    Optional<UpstreamAccount> find(UpstreamAccountId id);

    /** Every account, ordered by id. */
    List<UpstreamAccount> list();

    /** The user's accounts, ordered by id. */
    List<UpstreamAccount> accountsOf(UserId owner);

    boolean remove(UpstreamAccountId id);
}
