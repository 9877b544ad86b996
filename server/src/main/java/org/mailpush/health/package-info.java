/**
 * Whether the server is alive and ready to take mail, for process supervisors, load balancers and
 * orchestrators: {@code GET /health/live} and {@code GET /health/ready} (docs/configuration.md,
 * "Health and metrics"). Ready means the store answers, its migrations are applied and the SMTP and
 * HTTP listeners are bound; the JSON body names whatever is not.
 */
package org.mailpush.health;
