/** The HTTP API (Javalin): the server, its JSON error answers, and the admin routes. */
package org.mailpush.api;
