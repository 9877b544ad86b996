package org.mailpush.ingest.upstream;

/**
 * The owner's mailbox is at its quota: the mail stays upstream, unstored, and the watcher pauses
 * ({@link WatcherStatus.Paused}) and tries again later, from where it stopped.
 */
public final class MailboxFullException extends RuntimeException {
    MailboxFullException(String message) {
        super(message);
    }
}
