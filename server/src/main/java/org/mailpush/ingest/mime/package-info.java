/**
 * Streaming, size-bounded summaries of Internet messages: the sender, the decoded subject, the size, a
 * text preview, the number of pictures and the attachment types that the router needs
 * ({@link org.mailpush.mail.MailSummary}).
 *
 * <p>{@link org.mailpush.ingest.mime.MimeSummarizer} reads a message once, as it streams past (the SMTP
 * receiver writes the DATA bytes to the store and to a scan at the same time), keeps no more than its
 * {@link org.mailpush.ingest.mime.MimeLimits} allow, and never rejects a message: broken boundaries, deep
 * nesting, huge header fields, NUL bytes and unknown charsets give a best-effort summary.
 *
 * <p>It implements the parts of these RFCs that a summary needs:
 * <ul>
 *   <li>RFC 5322, Internet Message Format: header fields, unfolding, the From field's addr-spec;</li>
 *   <li>RFC 2045, MIME part one: Content-Type and its parameters, Content-Transfer-Encoding
 *       (quoted-printable, base64);</li>
 *   <li>RFC 2046, MIME part two: media types, multipart boundaries and nesting, multipart/digest,
 *       message/rfc822;</li>
 *   <li>RFC 2047, MIME part three: encoded-words in the Subject (decoded by Jakarta Mail's
 *       {@code MimeUtility});</li>
 *   <li>RFC 2183, Content-Disposition (inline, attachment, filename), RFC 2231 parameter names
 *       ({@code filename*});</li>
 *   <li>RFC 6532, UTF-8 in header fields; RFC 2156 and RFC 1327 for Importance, Priority and the
 *       customary X-Priority.</li>
 * </ul>
 */
package org.mailpush.ingest.mime;
