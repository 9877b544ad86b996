package org.mailpush.device;

import java.util.Locale;

/** What kind of terminal a device is. A {@link #LOCATOR} reports where its owner is but receives nothing. */
public enum DeviceType {
    PHONE,
    LAPTOP,
    DESKTOP,
    TABLET,
    BROWSER,
    /** A badge or watch that reports the user's position and never receives mail. */
    LOCATOR;

    /** Whether mail may be pushed to a device of this type. */
    public boolean receivesMail() {
        return this != LOCATOR;
    }

    /** The lower-case word used in policies, scenarios and reasons ("laptop"). */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
