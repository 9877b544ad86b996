package org.mailpush.user;

class InMemoryCredentialsTest implements CredentialsContract {
    private final InMemoryCredentials credentials = new InMemoryCredentials();
    private final InMemoryUserDirectory users = new InMemoryUserDirectory();

    @Override
    public Credentials credentials() {
        return credentials;
    }

    @Override
    public UserDirectory users() {
        return users;
    }
}
