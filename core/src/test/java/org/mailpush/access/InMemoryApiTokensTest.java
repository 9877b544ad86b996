package org.mailpush.access;

import org.mailpush.user.InMemoryUserDirectory;
import org.mailpush.user.UserDirectory;

class InMemoryApiTokensTest implements ApiTokensContract {
    private final InMemoryApiTokens tokens = new InMemoryApiTokens();
    private final InMemoryUserDirectory users = new InMemoryUserDirectory();

    @Override
    public ApiTokens apiTokens() {
        return tokens;
    }

    @Override
    public UserDirectory users() {
        return users;
    }
}
