package org.mailpush.user;

class InMemoryUserDirectoryTest implements UserDirectoryContract {
    private final InMemoryUserDirectory users = new InMemoryUserDirectory();

    @Override
    public UserDirectory users() {
        return users;
    }
}
