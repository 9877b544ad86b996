package org.mailpush.admin;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.mailpush.upstream.UpstreamAccount;
import org.mailpush.upstream.UpstreamAccountId;
import org.mailpush.upstream.UpstreamAccounts;
import org.mailpush.upstream.UpstreamServer;
import org.mailpush.user.User;
import org.mailpush.user.UserDirectory;
import org.mailpush.user.UserId;

/**
 * What an administrator does — users and their upstream accounts — over the store ports, the same
 * whether it is asked through the HTTP admin API of a running server or by the command line on a
 * stopped one.
 */
public final class Administration {
    private final UserDirectory users;
    private final UpstreamAccounts accounts;
    private final Consumer<UpstreamAccount> accountAdded;
    private final Consumer<UpstreamAccountId> accountRemoved;

    /**
     * @param accountAdded   told of every account added, so that a running server watches it at once
     * @param accountRemoved told of every account removed, so that its watcher stops
     */
    public Administration(UserDirectory users, UpstreamAccounts accounts,
            Consumer<UpstreamAccount> accountAdded, Consumer<UpstreamAccountId> accountRemoved) {
        this.users = users;
        this.accounts = accounts;
        this.accountAdded = accountAdded;
        this.accountRemoved = accountRemoved;
    }

    /** For the command line on a stopped server: no watchers to tell. */
    public static Administration offline(UserDirectory users, UpstreamAccounts accounts) {
        return new Administration(users, accounts, account -> { }, id -> { });
    }

    public UserDirectory.AddResult addUser(User user) {
        return users.add(user);
    }

    public List<User> users() {
        return users.list();
    }

    public Optional<User> user(UserId id) {
        return users.find(id);
    }

    /** Removes a user with their upstream accounts (their watchers stop) and all their data. */
    public boolean removeUser(UserId id) {
        if (users.find(id).isEmpty()) {
            return false;
        }
        for (UpstreamAccount account : accounts.accountsOf(id)) {
            removeAccount(account.id());
        }
        return users.remove(id);
    }

    /** Adds an upstream account for an existing user; empty when there is no such user. */
    public Optional<UpstreamAccount> addAccount(UserId owner, UpstreamServer server) {
        if (users.find(owner).isEmpty()) {
            return Optional.empty();
        }
        UpstreamAccount account = accounts.add(owner, server);
        accountAdded.accept(account);
        return Optional.of(account);
    }

    public List<UpstreamAccount> accountsOf(UserId owner) {
        return accounts.accountsOf(owner);
    }

    public boolean removeAccount(UpstreamAccountId id) {
        boolean removed = accounts.remove(id);
        if (removed) {
            accountRemoved.accept(id);
        }
        return removed;
    }
}
