/**
 * SMTP ingest throughput: mails a second that K concurrent SMTP clients get accepted — by mailpush,
 * durably, on H2 and on PostgreSQL, and by GreenMail, which keeps mail in memory.
 */
package org.mailpush.bench.ingest;
