package org.mailpush.ingest.smtp;

import java.util.Optional;
import java.util.function.Function;
import java.time.InstantSource;
import javax.net.ssl.SSLContext;
import org.mailpush.mail.MailStore;
import org.mailpush.mail.MailSummary;

/** What every session of one receiver shares. */
record SessionContext(
        SmtpSettings settings,
        RecipientCheck recipients,
        MailStore store,
        Function<byte[], MailSummary> summarizer,
        InstantSource clock,
        Optional<SSLContext> tls) {}
