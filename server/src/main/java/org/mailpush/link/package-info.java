/**
 * The terminal link and push (docs/protocol.md; SPEC T3–T6, S2–S6, M7, X1–X3, X6): WebSocket (RFC 6455)
 * and SSE connections authenticated by device token, routing of new mail through the core router, a
 * durable per-terminal outbox with sequence numbers and cumulative acknowledgements, probe rounds,
 * mailbox sync, retraction and escalation.
 */
package org.mailpush.link;
