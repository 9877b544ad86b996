/**
 * The local inbox as a Maildir (https://cr.yp.to/proto/maildir.html), so that any mail client —
 * mutt, neomutt, Thunderbird with a Maildir account — shows the pushed mail: {@code tmp/}, {@code
 * new/}, {@code cur/}; unique names {@code time.pid_counter.host}; a message is written to {@code
 * tmp/}, synced, then linked into {@code new/}. A client's flags live in the file name after {@code
 * :2,} ({@code S} seen, {@code F} flagged, {@code T} trashed, in ASCII order); {@link
 * org.mailpush.agent.maildir.MaildirWatcher} notices when a client renames or removes a file.
 */
package org.mailpush.agent.maildir;
