package org.mailpush.cluster;

class InMemoryTerminalDirectoryTest implements TerminalDirectoryContract {
    private final InMemoryTerminalDirectory directory = new InMemoryTerminalDirectory();

    @Override
    public TerminalDirectory directory() {
        return directory;
    }
}
