/**
 * Firebase Cloud Messaging for Android apps, HTTP v1 API: a push channel {@code fcm:REGISTRATION-TOKEN}
 * gets each notice as a notification (title and body) with its fields as data, the OAuth 2 access token
 * coming from the operator's service account (RFC 7523 JWT bearer grant, signed RS256 with the JDK).
 * See docs/transports.md, "FCM".
 */
package org.mailpush.push.fcm;
