package org.mailpush.route;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.mailpush.device.Capabilities;
import org.mailpush.mail.MailSummary;

/**
 * What a terminal must be able to do to show a mail whole ("can show this mail", docs/policy.md):
 * show its pictures — in colour, for the summary does not say whether a picture is black and white —,
 * take its size, and open each of its attachment types. A mail without pictures needs no colour.
 */
record MailNeeds(MailSummary mail) {

    /** Why a terminal with these capabilities cannot show the mail, or empty when it can. */
    Optional<String> lacking(Capabilities capabilities) {
        List<String> missing = new ArrayList<>();
        if (mail.pictures() > 0 && !capabilities.pictures()) {
            missing.add("cannot show pictures");
        } else if (mail.pictures() > 0 && !capabilities.colour()) {
            missing.add("pictures but no colour");
        }
        if (mail.sizeBytes() > capabilities.maxMailBytes()) {
            missing.add("takes at most " + bytes(capabilities.maxMailBytes()) + ", mail is " + bytes(mail.sizeBytes()));
        }
        List<String> refused = new ArrayList<>(0);
        for (String type : mail.attachmentTypes()) {
            if (!capabilities.accepts(type) && !refused.contains(type)) {
                refused.add(type);
                missing.add("cannot open " + type);
            }
        }
        return missing.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", missing));
    }

    /** What the mail needs, for explanations: "2 pictures in colour, 2.3 MB, application/pdf". */
    String describe() {
        List<String> parts = new ArrayList<>();
        if (mail.pictures() > 0) {
            parts.add((mail.pictures() == 1 ? "a picture" : mail.pictures() + " pictures") + " in colour");
        }
        parts.add(bytes(mail.sizeBytes()));
        mail.attachmentTypes().stream().distinct().forEach(parts::add);
        return String.join(", ", parts);
    }

    static String bytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        if (bytes < 1000 * 1024) {
            return (bytes + 512) / 1024 + " KB";
        }
        // As String.format("%.1f MB") writes it, at a fraction of its cost.
        return BigDecimal.valueOf(bytes / (1024.0 * 1024.0)).setScale(1, RoundingMode.HALF_UP).toPlainString() + " MB";
    }
}
