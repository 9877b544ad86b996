package org.mailpush.mail;

import org.mailpush.upstream.InMemoryUpstreamAccounts;
import org.mailpush.upstream.UpstreamAccounts;
import org.mailpush.user.InMemoryUserDirectory;
import org.mailpush.user.UserDirectory;

class InMemoryMailStoreTest implements MailStoreContract {
    private final InMemoryMailStore mails = new InMemoryMailStore();
    private final InMemoryUserDirectory users = new InMemoryUserDirectory();
    private final InMemoryUpstreamAccounts upstreamAccounts = new InMemoryUpstreamAccounts();

    @Override
    public MailStore mails() {
        return mails;
    }

    @Override
    public UserDirectory users() {
        return users;
    }

    @Override
    public UpstreamAccounts upstreamAccounts() {
        return upstreamAccounts;
    }
}
