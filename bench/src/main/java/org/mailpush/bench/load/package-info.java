/**
 * Load generators that speak the real protocols over real sockets: terminals on the WebSocket link
 * (java.net.http, asynchronous: thousands per thread), an SMTP client (RFC 5321), an IMAP IDLE
 * client (RFC 3501, RFC 2177), the admin API that enrols the simulated users and terminals, and the
 * latency figures they yield.
 */
package org.mailpush.bench.load;
