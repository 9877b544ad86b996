package org.mailpush.json;

/**
 * A JSON document that does not have the documented form, with the path of the offending field
 * ("policy.rules[2].type") and what is wrong with it.
 */
public final class InvalidInputException extends IllegalArgumentException {
    private final String path;

    InvalidInputException(String path, String problem) {
        super(path.isEmpty() ? problem : path + ": " + problem);
        this.path = path;
    }

    /** The field's path from the document root, or empty for the document itself. */
    public String path() {
        return path;
    }
}
