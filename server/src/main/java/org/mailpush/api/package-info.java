/**
 * The HTTP API (Javalin on Jetty) and the web app: the server and its JSON error answers, and WebSockets
 * on Jetty's WebSocket core in front of it (RFC 6455); the admin routes
 * ({@code /api/admin}, admin token); the user routes — sessions with an HttpOnly, SameSite=Strict
 * cookie and a CSRF token, or a device token as bearer — for devices, policy, mail and upstream
 * accounts, each checking that what it names belongs to the caller (SPEC S6, X4, X8); the static
 * pages under the classpath folder {@code web} and the OpenAPI document. See {@code docs/web.md}.
 */
package org.mailpush.api;
