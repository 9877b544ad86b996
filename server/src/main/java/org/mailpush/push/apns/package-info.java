/**
 * APNs: notices to iOS and macOS apps through Apple's push notification service, over HTTP/2 with
 * Pushy, authenticated by a provider token — an ES256 JWT signed with the team's {@code .p8} key
 * (Apple's "Sending notification requests to APNs" and "Establishing a token-based connection").
 *
 * <p>Why Pushy: APNs is HTTP/2 only, with long-lived connections, token rotation and flow control per
 * connection; Pushy does this well, and its {@code MockApnsServer} lets the tests speak to a fake APNs
 * at the wire. The mapping of a notice to an alert, of Apple's answers to outcomes, and the retries
 * are ours ({@link org.mailpush.push.apns.ApnsTransport}). The key is read from the file named in the
 * settings, once, and never logged.
 */
package org.mailpush.push.apns;
