/**
 * The terminal link's messages (docs/protocol.md, version 1.1) as values: what terminals send
 * ({@link org.mailpush.protocol.TerminalMessage}) and what the server sends
 * ({@link org.mailpush.protocol.ServerMessage}). Their JSON form lives in the protocol module.
 */
package org.mailpush.protocol;
