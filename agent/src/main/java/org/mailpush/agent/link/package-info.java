/**
 * The agent's side of the terminal link (docs/protocol.md, version 1): one WebSocket to {@code
 * /api/link} that says {@code hello} with the device token and the last acknowledged seq, is kept
 * alive with pings, and is opened again after any failure with jittered exponential backoff; the
 * download of mail too large to push; and enrolment with the user's credentials ({@code POST
 * /api/devices}). Built on {@code java.net.http} only.
 */
package org.mailpush.agent.link;
