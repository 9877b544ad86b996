/**
 * What the server counts and times, in Micrometer, exposed in the Prometheus text format at
 * {@code /metrics} (docs/configuration.md, "Health and metrics"; docs/grafana-dashboard.json shows
 * them). The components are metered from outside: the composition root wraps the ports they use
 * (the outbox, the routing store, each push transport, the Wake-on-LAN waker) in decorators from this
 * package, and hands the SMTP receiver a listener for its replies, so that no component depends on
 * Micrometer.
 */
package org.mailpush.metrics;
