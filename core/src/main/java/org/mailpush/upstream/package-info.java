/**
 * Upstream mailboxes (SPEC S1, separate mode): accounts on other mail servers that mailpush watches
 * over IMAP IDLE (RFC 3501, RFC 2177) or POP3 (RFC 1939), the cursors that make every mail count once,
 * and the baselines that keep the mail already there at the first connection from being pushed.
 */
package org.mailpush.upstream;
