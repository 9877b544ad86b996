package org.mailpush.mail;

/** The store could not do what was asked (database down, disk full); the caller should try again later. */
public final class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
