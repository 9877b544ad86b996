package org.mailpush.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashSet;
import java.util.Set;
import org.mailpush.user.MailAddress;
import org.mailpush.user.User;
import org.mailpush.user.UserId;

/** The JSON form of a user: {@code {"id": "alice", "name": "Alice", "addresses": ["alice@example.com"]}}. */
public final class UserJson {
    private UserJson() {}

    public static User read(JsonNode document) {
        JsonInput user = new JsonInput(document, "").object(Set.of("id", "name", "addresses"));
        UserId id = user.field("id").as(in -> new UserId(in.text()));
        String name = user.optional("name").map(JsonInput::text).orElse(null);
        Set<MailAddress> addresses = new LinkedHashSet<>();
        JsonInput list = user.field("addresses");
        for (JsonInput address : list.elements()) {
            addresses.add(address.as(in -> new MailAddress(in.text())));
        }
        if (addresses.isEmpty()) {
            throw list.invalid("a user needs at least one address");
        }
        return new User(id, name, addresses);
    }

    public static ObjectNode write(User user) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("id", user.id().value());
        json.put("name", user.displayName());
        ArrayNode addresses = json.putArray("addresses");
        user.addresses().forEach(a -> addresses.add(a.value()));
        return json;
    }
}
