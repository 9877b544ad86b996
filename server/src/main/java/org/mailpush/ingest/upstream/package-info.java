/**
 * Watching mailboxes on other mail servers (SPEC S1, separate mode): one watcher per
 * {@link org.mailpush.upstream.UpstreamAccount}, run by {@link org.mailpush.ingest.upstream.UpstreamWatchers}
 * on its own thread, reconnecting after failures with exponential backoff and full jitter.
 *
 * <p>A watcher hands every mail it sees to {@link org.mailpush.ingest.upstream.UpstreamIntake}, which
 * stores it with its upstream position (IMAP UIDVALIDITY and UID, RFC 3501 §2.3.1.1; POP3 UIDL,
 * RFC 1939 §7) and a SHA-256 fingerprint of its bytes. The cursor a watcher resumes from is derived
 * from the stored mail, so storing a mail is what advances it: a restart or an outage neither loses
 * nor repeats a mail. At the first connection to an account the watcher records a baseline instead
 * of storing what the mailbox holds: only mail arriving after it is stored and pushed. The protocols
 * themselves live in {@code ingest.imap} (IDLE, RFC 2177) and {@code ingest.pop3}; TLS follows
 * RFC 8314 (implicit) or RFC 2595 (STARTTLS / STLS).
 */
package org.mailpush.ingest.upstream;
