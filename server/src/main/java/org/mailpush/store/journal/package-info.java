/**
 * The mail journal: a write-ahead log of accepted mail, in front of the embedded database (SPEC X1).
 *
 * <p>An SMTP {@code 250} promises that the mail is on stable storage, as Postfix promises it: the
 * queue file fsynced before the reply. H2's MVStore keeps no log of its own and does not sync on
 * commit, and after a {@code kill -9} it was seen to come back without transactions whose commit had
 * returned. So every mail bound for H2 is first appended to a journal file, whose {@code fdatasync}
 * one appender performs for all appenders waiting at that moment (group commit), and the mail is
 * acknowledged only when both the sync and the database's commit returned. At start, the journal's
 * records the database lacks are stored again, by their key, before anything else runs.
 *
 * <p>The journal is cut into segments. A background checkpoint starts a new segment, waits for the
 * appends still running on the old one, and forces the database to disk ({@code CHECKPOINT SYNC});
 * a segment is deleted one checkpoint later still, so the journal holds a few seconds of mail.
 * PostgreSQL needs no journal: its commit returns after its own log was flushed.
 *
 * <p>A record the store refuses at start (its recipient removed since) is logged as an error, and its
 * segment renamed {@code segment-*.log.unstored}: neither read again nor deleted, for the operator.
 */
package org.mailpush.store.journal;
