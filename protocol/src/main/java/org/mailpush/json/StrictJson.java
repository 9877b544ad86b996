package org.mailpush.json;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.regex.Pattern;

/**
 * How mailpush reads JSON that comes in — HTTP bodies, terminal messages, scenario files, the
 * agent's files: a key given twice in one object is refused, not silently decided by the last one,
 * anything after the value is refused,
 * and a parse error reads as a sentence about the input, with no trace of the parser's internals.
 */
public final class StrictJson {
    /** Jackson's hints at its own switches and sources, "(JsonReadFeature.ALLOW_…)" or "Source: …": not for the sender. */
    private static final Pattern INTERNALS = Pattern.compile("\\s*\\([^()]*(Feature|Source)[^()]*\\)|\\s*\\[Source:.*$", Pattern.DOTALL);

    private static final ObjectMapper MAPPER = mapper();

    private StrictJson() {}

    /** A mapper for reading input: strict about duplicate keys. */
    public static ObjectMapper mapper() {
        return JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();
    }

    /** The shared strict mapper, for readers that need no settings of their own. */
    public static ObjectMapper reader() {
        return MAPPER;
    }

    /** The problem as a sentence about the input: "duplicate field 'power' at line 3, column 5". */
    public static String problem(JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        return at == null || at.getLineNr() < 1 ? what(e) : what(e) + " at line " + at.getLineNr() + ", column " + at.getColumnNr();
    }

    /** The problem without where it is: "duplicate field 'power'". */
    public static String what(JsonProcessingException e) {
        String message = INTERNALS.matcher(String.valueOf(e.getOriginalMessage())).replaceAll("").strip();
        return message.startsWith("Duplicate field") ? "duplicate field" + message.substring("Duplicate field".length()) : message;
    }
}
