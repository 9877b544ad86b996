package org.mailpush.device;

import java.util.regex.Pattern;

/** The stable identifier of one terminal: 1–64 characters of letters, digits, '.', '_' and '-'. */
public record DeviceId(String value) implements Comparable<DeviceId> {
    private static final Pattern FORM = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    public DeviceId {
        if (value == null || !FORM.matcher(value).matches()) {
            throw new IllegalArgumentException(
                    "device id must be 1-64 letters, digits, '.', '_' or '-', got '" + value + "'");
        }
    }

    @Override
    public int compareTo(DeviceId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
