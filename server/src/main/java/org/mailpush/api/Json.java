package org.mailpush.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.io.IOException;
import java.util.function.Function;
import org.mailpush.json.StrictJson;

/** Reading request bodies and path parameters the same way in every route group. */
final class Json {
    private static final ObjectMapper MAPPER = StrictJson.reader();

    private Json() {}

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static com.fasterxml.jackson.databind.node.ArrayNode array() {
        return object().arrayNode();
    }

    /** The request's JSON body; 400 when there is none (malformed JSON is answered by the server). */
    static JsonNode body(Context ctx) throws IOException {
        JsonNode node = MAPPER.readTree(ctx.bodyAsBytes());
        if (node == null || node.isMissingNode()) {
            throw new BadRequestResponse("the request needs a JSON body");
        }
        return node;
    }

    /** A path parameter read as an id; 404 when it cannot be one, as for an id that names nothing. */
    static <T> T id(Context ctx, String name, Function<String, T> parse, String what) {
        String text = ctx.pathParam(name);
        try {
            return parse.apply(text);
        } catch (IllegalArgumentException e) {
            throw new NotFoundResponse("no " + what + " '" + text + "'");
        }
    }

    /** The {@code limit} query parameter, 1–1000, by default 50. */
    static int limit(Context ctx) {
        String text = ctx.queryParam("limit");
        if (text == null) {
            return 50;
        }
        try {
            int limit = Integer.parseInt(text);
            if (limit >= 1 && limit <= 1000) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new BadRequestResponse("limit: must be a whole number from 1 to 1000, got '" + text + "'");
    }
}
