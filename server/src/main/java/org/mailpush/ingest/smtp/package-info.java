/**
 * The built-in SMTP receiver: mailpush as the final destination of its users' mail (SPEC S1).
 * Implements the server side of RFC 5321 (SMTP) with RFC 1870 (SIZE), RFC 2920 (PIPELINING),
 * RFC 6152 (8BITMIME), RFC 2034 and RFC 3463 (enhanced status codes) and RFC 3207 (STARTTLS);
 * RFC 3848 names the protocol in the Received header.
 *
 * <h2>Behaviour</h2>
 * <ul>
 *   <li>Recipients: a local user's address gets 250 2.1.5; an unknown user in a local domain (one the
 *       user directory serves or {@link org.mailpush.ingest.smtp.SmtpSettings#localDomains()} lists)
 *       550 5.1.1; everything that would be relayed 554 5.7.1 — a non-local domain or address literal,
 *       a source route ({@code @a,@b:u@c}), a quoted local part, '%', '!', '@', ':' or ',' in the
 *       local part. {@code <postmaster>} is postmaster at the host name.</li>
 *   <li>250 after DATA only once {@code MailStore.append} has returned, with the new mail ids in the
 *       text ("250 2.0.0 Ok: queued as 41 42"): one mail per user, however many of their addresses
 *       were named. A {@code StoreException} gives 451 4.3.0; any other failure while serving a client
 *       (a bug) is logged and answered with 421 4.3.0 and the end of the connection.</li>
 *   <li>Limits ({@link org.mailpush.ingest.smtp.SmtpLimits}): a message over the size limit gets
 *       552 5.3.4, at MAIL FROM when SIZE= says so, else after the data, which is read to its end
 *       without being kept; one recipient past the limit gets 452 4.5.3; a command line over the line
 *       limit gets 500 5.5.2 and a message with such a text line 554 5.6.0 (both are read to their end
 *       in bounded memory — refusing keeps the stored message exactly as sent, where folding the line
 *       would break signatures); command and data timeouts end the session with 421 4.4.2;
 *       connections past the total or per-address limit get 421 4.7.0 and are closed; every 5xx reply
 *       counts as an error and the one reaching the error limit is followed by 421 4.7.0 and close.
 *       Memory per connection is bounded by the message limit plus a line (25 MiB + 8 KiB by default),
 *       so by max-connections times that in all: the store port takes a mail as one byte array.</li>
 *   <li>SMTP smuggling (CVE-2023-51766 family): only CRLF "." CRLF ends message data. A bare LF or
 *       bare CR never starts a line, so "\n.\n", "\r.\r" or "\n.\r\n" cannot end a message; a
 *       message holding a bare LF, bare CR or NUL is refused whole with 554 5.6.0 after its real end,
 *       so neither a second message nor any part of one is ever stored. Command lines must end in
 *       CRLF too: a line ended by a bare LF, or holding a bare CR, is refused with 500 5.5.2 unread.</li>
 *   <li>STARTTLS is advertised and accepted only when a key store is configured. Whatever the client
 *       sent after STARTTLS before the handshake is discarded unread, and everything learnt before
 *       (HELO, the transaction) is forgotten (RFC 3207 4.2, 5; CVE-2011-0411).</li>
 *   <li>A Received header (RFC 5321 4.4) is put in front of every accepted message.</li>
 * </ul>
 *
 * <h2>Why not SubEthaSMTP</h2>
 * The design names SubEthaSMTP 7 for receiving, to be wrapped or replaced where it cannot meet the
 * requirements. Read against its 7.2.2 sources, the part that cannot be wrapped is its heart, the
 * session loop, so it was replaced whole:
 * <ul>
 *   <li>{@code Session} and {@code CommandHandler} are final and answer unknown or short commands
 *       themselves ("500 Error: command not implemented"), so an error limit cannot see them; they
 *       also answer timeouts, bare line ends and long lines without enhanced status codes.</li>
 *   <li>Command lines go through a final {@code CRLFTerminatedReader} with a fixed limit of 998
 *       characters (decoded UTF-8, not octets), which then closes the connection: the line limit is
 *       not configurable.</li>
 *   <li>One socket timeout serves commands and data; there is no separate data timeout.</li>
 *   <li>{@code BasicMessageHandlerFactory} collects data in memory and stops at the size limit with
 *       an {@code IOException}, which the session answers with 421 and a dropped connection instead of
 *       552 after discarding the rest.</li>
 *   <li>Custom commands, the only way to change replies, must implement interfaces in its
 *       {@code org.subethamail.smtp.internal} packages; every command would have to be replaced
 *       (its EHLO always offers CHUNKING and SMTPUTF8 and never PIPELINING), leaving it nothing
 *       but the accept loop.</li>
 * </ul>
 * What SubEthaSMTP does right is kept: data ends only at CRLF.CRLF, and commands are read from an
 * unread-ahead buffer that STARTTLS throws away.
 */
package org.mailpush.ingest.smtp;
