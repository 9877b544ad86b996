package org.mailpush.upstream;

import org.mailpush.user.InMemoryUserDirectory;
import org.mailpush.user.UserDirectory;

class InMemoryUpstreamAccountsTest implements UpstreamAccountsContract {
    private final InMemoryUpstreamAccounts upstreamAccounts = new InMemoryUpstreamAccounts();
    private final InMemoryUserDirectory users = new InMemoryUserDirectory();

    @Override
    public UpstreamAccounts upstreamAccounts() {
        return upstreamAccounts;
    }

    @Override
    public UserDirectory users() {
        return users;
    }
}
