package org.mailpush.ingest.smtp;

import java.util.Optional;
import java.time.InstantSource;
import javax.net.ssl.SSLContext;
import org.mailpush.ingest.mime.MimeSummarizer;
import org.mailpush.mail.MailStore;

/** What every session of one receiver shares. */
record SessionContext(
        SmtpSettings settings,
        RecipientCheck recipients,
        MailStore store,
        MimeSummarizer summarizer,
        InstantSource clock,
        Optional<SSLContext> tls,
        DataBudget budget,
        Quotas quotas,
        SmtpReplies replies) {}
