/**
 * Who may use the user API besides a browser with its session: personal API tokens, each with a name
 * and a few scopes ({@link org.mailpush.access.ApiScope}), kept as hashes only, like device tokens.
 */
package org.mailpush.access;
