/**
 * Webhooks: a push channel that is an https URL of the user's own, to which each notice is posted as
 * JSON, signed with HMAC-SHA256 (RFC 2104) under the server's webhook secret, with the headers an ntfy
 * topic reads (Title, Priority, Tags, Click), so that an ntfy topic URL works as a webhook unchanged.
 * The URL comes from a user, so it is checked as a Web Push endpoint is
 * ({@link org.mailpush.push.http.EndpointCheck}). See docs/transports.md, "Webhooks".
 */
package org.mailpush.push.webhook;
