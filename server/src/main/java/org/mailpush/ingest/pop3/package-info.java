/**
 * Polling a POP3 maildrop (RFC 1939) for new mail. The cursor is the set of UIDLs (RFC 1939 §7)
 * whose mail is stored; every poll fetches (RETR) only the mails with an unknown UIDL. The maildrop
 * is never changed: no DELE, and QUIT without anything marked for deletion. STLS follows RFC 2595.
 */
package org.mailpush.ingest.pop3;
