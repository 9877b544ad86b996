/**
 * The real peers mailpush is measured against, beside it in the same run: Postfix taking mail over
 * SMTP and handing it over LMTP (RFC 2033) to Dovecot, which announces it to an IMAP client in IDLE
 * (RFC 2177). Installed from Debian's packages and configured privately on loopback by the
 * {@code peer-servers} script next to {@link org.mailpush.bench.peers.PeerServers}.
 */
package org.mailpush.bench.peers;
