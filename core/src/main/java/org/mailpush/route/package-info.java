/**
 * Routing (SPEC S3, M1–M4, X2, X4): from a user's terminals, their presence, the mail and the policy,
 * the {@link org.mailpush.route.Router} makes a deterministic {@link org.mailpush.route.PushPlan}.
 */
package org.mailpush.route;
