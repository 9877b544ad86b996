/**
 * What the terminal does with what the server delivers (SPEC T4, M7, X1, X6): a full mail goes into
 * the Maildir exactly once — recorded, written, synced, then acknowledged —, a hint or a new mail
 * raises a notification, a retraction withdraws it, and flag changes travel both ways between the
 * Maildir's file names and the server.
 */
package org.mailpush.agent.inbox;
