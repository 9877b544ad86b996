package org.mailpush.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * A JSON value with its path from the document root, read strictly: every error names the path and
 * the offending value, and unknown fields are rejected so that a typo never passes silently — unless
 * the reader asks for them to be ignored, as the link does for newer terminals' fields.
 */
final class JsonInput {
    /** What reading an object does with a field it does not know. */
    enum UnknownFields {
        REFUSE,
        IGNORE
    }

    private final JsonNode node;
    private final String path;

    JsonInput(JsonNode node, String path) {
        this.node = node;
        this.path = path;
    }

    String path() {
        return path;
    }

    InvalidInputException invalid(String problem) {
        return new InvalidInputException(path, problem);
    }

    /** This value as an object that holds no fields but the given ones. */
    JsonInput object(Set<String> allowed) {
        return object(allowed, UnknownFields.REFUSE);
    }

    /** This value as an object that holds the given fields and, if {@code unknown} says IGNORE, any others. */
    JsonInput object(Set<String> allowed, UnknownFields unknown) {
        if (!node.isObject()) {
            throw invalid("must be an object, got " + shown(node));
        }
        if (unknown == UnknownFields.IGNORE) {
            return this;
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw new InvalidInputException(child(name), "unknown field (expected one of " + String.join(", ", new TreeSet<>(allowed)) + ")");
            }
        }
        return this;
    }

    boolean has(String name) {
        return node.has(name) && !node.get(name).isNull();
    }

    JsonInput field(String name) {
        if (!has(name)) {
            throw new InvalidInputException(child(name), "is required");
        }
        return new JsonInput(node.get(name), child(name));
    }

    Optional<JsonInput> optional(String name) {
        return has(name) ? Optional.of(new JsonInput(node.get(name), child(name))) : Optional.empty();
    }

    List<JsonInput> elements() {
        if (!node.isArray()) {
            throw invalid("must be an array, got " + shown(node));
        }
        List<JsonInput> elements = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            elements.add(new JsonInput(node.get(i), path + "[" + i + "]"));
        }
        return elements;
    }

    boolean isText() {
        return node.isTextual();
    }

    String text() {
        if (!node.isTextual()) {
            throw invalid("must be a string, got " + shown(node));
        }
        return node.asText();
    }

    boolean bool() {
        if (!node.isBoolean()) {
            throw invalid("must be true or false, got " + shown(node));
        }
        return node.asBoolean();
    }

    long integer(long min, long max) {
        if (!node.isIntegralNumber() || !node.canConvertToLong() || node.asLong() < min || node.asLong() > max) {
            throw invalid("must be a whole number from " + min + " to " + max + ", got " + shown(node));
        }
        return node.asLong();
    }

    double number() {
        if (!node.isNumber()) {
            throw invalid("must be a number, got " + shown(node));
        }
        return node.asDouble();
    }

    Instant instant() {
        String text = text();
        try {
            return java.time.OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw invalid("must be a date-time with offset like 2026-11-26T18:00:00+01:00, got '" + text + "'");
        }
    }

    Duration duration() {
        String text = text();
        try {
            return Duration.parse(text);
        } catch (DateTimeParseException e) {
            throw invalid("must be an ISO-8601 duration like PT5M, got '" + text + "'");
        }
    }

    /** One of the words of a closed vocabulary ("on", "asleep", "off"). */
    <E extends Enum<E>> E word(Class<E> type, Function<E, String> word) {
        return word(List.of(type.getEnumConstants()), word);
    }

    /** One of the words of some constants of a closed vocabulary, in the order given. */
    <E extends Enum<E>> E word(List<E> allowed, Function<E, String> word) {
        String text = text();
        List<String> words = new ArrayList<>();
        for (E constant : allowed) {
            if (word.apply(constant).equals(text)) {
                return constant;
            }
            words.add(word.apply(constant));
        }
        throw invalid("'" + text + "' is not one of " + String.join(", ", words));
    }

    /** Applies a value constructor, turning its validation failure into an error at this path. */
    <T> T as(Function<JsonInput, T> constructor) {
        try {
            return constructor.apply(this);
        } catch (InvalidInputException e) {
            throw e;
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            throw invalid(e.getMessage());
        }
    }

    private String child(String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    private static String shown(JsonNode node) {
        String text = node.toString();
        return text.length() > 60 ? text.substring(0, 57) + "..." : text;
    }
}
