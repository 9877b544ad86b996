/**
 * FCM: notices to Android apps through Firebase Cloud Messaging's HTTP v1 API
 * ({@code projects.messages.send}), with the JDK alone — its HTTP client, RSA signatures and Jackson
 * for the JSON.
 *
 * <p>The access token comes from the project's service account by OAuth 2's JWT bearer grant (RFC
 * 7523): an RS256 assertion signed with the account's key, exchanged at the account's
 * {@code token_uri}, kept until five minutes before it expires ({@code AccessTokens}).
 *
 * <p>Why not Google's auth library: it brings Guava, google-http-client and its own clock for what is
 * one signed JWT and one form post, and the tests want injected time; the grant is small and its
 * test checks the assertion's signature at a local token endpoint. The service-account file is read
 * once at start, from the path in the settings, and nothing from it is logged.
 */
package org.mailpush.push.fcm;
