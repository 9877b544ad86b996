/**
 * Web Push: push messages to browsers and to UnifiedPush distributors through their push services,
 * with the JDK alone — its HTTP client and its crypto.
 *
 * <ul>
 *   <li>RFC 8030, Generic Event Delivery Using HTTP Push: the request to the push resource, its
 *       {@code TTL}, {@code Urgency} and {@code Topic}, and what the service's answers mean
 *       ({@link org.mailpush.push.webpush.WebPushTransport}, {@code PushResponses}).</li>
 *   <li>RFC 8188, Encrypted Content-Encoding for HTTP, and RFC 8291, Message Encryption for Web
 *       Push: every message in one {@code aes128gcm} record, with a fresh ECDH key and salt
 *       ({@code MessageEncryption}); its test reproduces RFC 8291's example octet for octet.</li>
 *   <li>RFC 8292, Voluntary Application Server Identification (VAPID): the server's ES256 key pair,
 *       kept in a file ({@link org.mailpush.push.webpush.VapidKeys}), and the signed token that
 *       names it to the push service ({@code Vapid}).</li>
 * </ul>
 *
 * <p>Why by hand rather than with a library: webpush-java brings Bouncy Castle, jose4j and two HTTP
 * clients for what the JDK has done since Java 11 — P-256 ECDH and ECDSA, HMAC for HKDF, AES-GCM, an
 * asynchronous HTTP/2 client — while the endpoint checks, the bounds per push service and the
 * injected time mailpush needs would sit around it anyway. The protocol part is small and pinned
 * down by RFC 8291's test vector.
 *
 * <p>A subscription's endpoint comes from whoever registers it, so each is checked before it is
 * contacted ({@link org.mailpush.push.http.EndpointCheck}): https only, never an internal address. A message is a notice —
 * a summary and an authenticated link to fetch the mail — and never the mail itself: one record
 * holds 3993 octets of plaintext. What a caller does with each
 * {@link org.mailpush.push.webpush.PushOutcome} (forget a gone subscription, reschedule after a long
 * {@code Retry-After}) is the caller's; see docs/transports.md.
 */
package org.mailpush.push.webpush;
