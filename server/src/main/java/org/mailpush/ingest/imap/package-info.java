/**
 * Watching an IMAP folder (RFC 3501) for new mail: IDLE (RFC 2177) where the server offers it,
 * ended and issued again well before the 30-minute mark, and polling where it does not.
 *
 * <p>The watcher resumes from the cursor derived from stored mail: UIDVALIDITY plus the highest UID
 * stored (RFC 3501 §2.3.1.1). When the folder's UIDVALIDITY differs, every UID is void, so the
 * watcher reads the whole folder again; the store recognises the mails it already holds by their
 * fingerprints. The folder is opened read-only (EXAMINE) and read with BODY.PEEK[]: watching never
 * changes a flag or deletes a mail upstream.
 */
package org.mailpush.ingest.imap;
