/**
 * Presence: what a terminal's usage reports (SPEC T1–T2) say about whether its owner is using it,
 * as evidence with an age (SPEC X2), and where the owner is.
 */
package org.mailpush.presence;
