package org.mailpush.agent.sense;

import org.mailpush.presence.UsageReport;

/** Where usage reports go: the link to the server. */
@FunctionalInterface
public interface ReportSink {
    /** Sends a report as {@code state}; false when it cannot be sent now (not connected). */
    boolean send(UsageReport report);
}
