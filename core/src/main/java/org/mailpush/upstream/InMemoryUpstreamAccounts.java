package org.mailpush.upstream;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import org.mailpush.user.UserId;

/** {@link UpstreamAccounts} held in memory. */
public final class InMemoryUpstreamAccounts implements UpstreamAccounts {
    private final ConcurrentSkipListMap<Long, UpstreamAccount> accounts = new ConcurrentSkipListMap<>();
    private final AtomicLong ids = new AtomicLong();

    @Override
    public UpstreamAccount add(UserId owner, UpstreamServer server) {
        var account = new UpstreamAccount(new UpstreamAccountId(ids.incrementAndGet()), owner, server);
        accounts.put(account.id().value(), account);
        return account;
    }

    @Override
    public Optional<UpstreamAccount> find(UpstreamAccountId id) {
        return Optional.ofNullable(accounts.get(id.value()));
    }

    @Override
    public List<UpstreamAccount> list() {
        return List.copyOf(accounts.values());
    }

    @Override
    public List<UpstreamAccount> accountsOf(UserId owner) {
        return accounts.values().stream().filter(a -> a.owner().equals(owner)).toList();
    }

    @Override
    public boolean remove(UpstreamAccountId id) {
        return accounts.remove(id.value()) != null;
    }
}
