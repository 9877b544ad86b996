/**
 * End-to-end push latency: from the SMTP {@code 250} to the chosen terminal holding the mail, with
 * thousands of terminals connected, in heartbeat and probe mode — next to the classic way (IMAP
 * IDLE on GreenMail) and the floor (a bare WebSocket echo).
 */
package org.mailpush.bench.latency;
