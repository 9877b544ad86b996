package org.mailpush.cli;

import picocli.CommandLine;

/** The version from the jar's manifest (or "development" when run from classes). */
final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = MailpushCommand.class.getPackage().getImplementationVersion();
        return new String[] {"mailpush " + (version == null ? "development" : version)};
    }
}
