/**
 * Push (SPEC S4, X1, X3, X4): the per-terminal outbox of deliveries — mail, hints, flag changes,
 * retractions, policy changes — with sequence numbers and cumulative acknowledgements.
 */
package org.mailpush.push;
