package org.mailpush.mail;

import java.util.Locale;

/** How important the sender marked a mail (Importance / X-Priority headers). */
public enum Importance {
    LOW,
    NORMAL,
    HIGH;

    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
