package org.mailpush.ingest.upstream;

import org.mailpush.upstream.UpstreamAccount;

/**
 * Makes the watcher for an account, by its protocol. The composition root writes it, e.g.
 * {@code account -> switch (account.server().protocol()) { case IMAP -> new ImapWatcher(…);
 * case POP3 -> new Pop3Watcher(…); }}.
 */
@FunctionalInterface
public interface WatcherFactory {
    UpstreamWatcher create(UpstreamAccount account);
}
