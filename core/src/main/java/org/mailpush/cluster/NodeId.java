package org.mailpush.cluster;

import java.util.regex.Pattern;

/** The name of one node of a cluster, unique among the nodes running at once: 1–64 letters, digits, '.', '_' and '-'. */
public record NodeId(String value) {
    private static final Pattern FORM = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    public NodeId {
        if (value == null || !FORM.matcher(value).matches()) {
            throw new IllegalArgumentException("node id must be 1-64 letters, digits, '.', '_' or '-', got '" + value + "'");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
