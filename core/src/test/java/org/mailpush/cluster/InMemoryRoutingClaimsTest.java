package org.mailpush.cluster;

import org.mailpush.mail.InMemoryMailStore;
import org.mailpush.mail.MailStore;
import org.mailpush.user.InMemoryUserDirectory;
import org.mailpush.user.UserDirectory;

class InMemoryRoutingClaimsTest implements RoutingClaimsContract {
    private final InMemoryUserDirectory users = new InMemoryUserDirectory();
    private final InMemoryMailStore mails = new InMemoryMailStore();
    private final InMemoryRoutingClaims claims = new InMemoryRoutingClaims(mails);

    @Override
    public RoutingClaims claims() {
        return claims;
    }

    @Override
    public MailStore mails() {
        return mails;
    }

    @Override
    public UserDirectory users() {
        return users;
    }
}
