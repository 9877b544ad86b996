package org.mailpush.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Set;
import org.mailpush.device.Capabilities;
import org.mailpush.device.Device;
import org.mailpush.device.DeviceAddress;
import org.mailpush.device.DeviceId;
import org.mailpush.device.DeviceType;
import org.mailpush.user.UserId;

/**
 * The JSON form of a device: {@code {"id", "name", "type", "capabilities": {"pictures", "colour",
 * "maxMailBytes", "attachmentTypes"}, "addresses": ["tel:+49…", "ip:…", "mac:…", "https://…"]}}.
 */
public final class DeviceJson {
    private static final Set<String> FIELDS = Set.of("id", "user", "name", "type", "capabilities", "addresses");

    private DeviceJson() {}

    /** Reads a device document for an owner. */
    public static Device read(JsonNode document, UserId owner) {
        return read(new JsonInput(document, "").object(FIELDS), owner);
    }

    static Device read(JsonInput device, UserId owner) {
        // The owner comes from who asks, never from the document; a written device may name it, if rightly.
        device.optional("user").ifPresent(user -> {
            if (!user.text().equals(owner.value())) {
                throw user.invalid("the device would belong to '" + owner + "', not '" + user.text() + "'");
            }
        });
        DeviceId id = device.field("id").as(in -> new DeviceId(in.text()));
        DeviceType type = device.field("type").word(DeviceType.class, DeviceType::word);
        String name = device.optional("name").map(JsonInput::text).orElse(id.value());
        Capabilities capabilities = device.optional("capabilities").map(DeviceJson::capabilities).orElse(Capabilities.FULL);
        List<DeviceAddress> addresses = device.optional("addresses")
                .map(list -> list.elements().stream().map(a -> a.as(in -> DeviceAddress.parse(in.text()))).toList())
                .orElse(List.of());
        return device.as(in -> new Device(id, owner, name, type, capabilities, addresses));
    }

    static Set<String> fields() {
        return FIELDS;
    }

    /** Reads a device's capabilities alone, e.g. a change of them; errors name the field path below {@code root}. */
    public static Capabilities capabilities(JsonNode node, String root) {
        return capabilities(new JsonInput(node, root));
    }

    private static Capabilities capabilities(JsonInput input) {
        JsonInput caps = input.object(Set.of("pictures", "colour", "maxMailBytes", "attachmentTypes"));
        boolean pictures = caps.optional("pictures").map(JsonInput::bool).orElse(true);
        boolean colour = caps.optional("colour").map(JsonInput::bool).orElse(true);
        long max = caps.optional("maxMailBytes").map(n -> n.integer(1, Long.MAX_VALUE)).orElse(Capabilities.UNLIMITED);
        List<String> types = caps.optional("attachmentTypes")
                .map(list -> list.elements().stream().map(JsonInput::text).toList())
                .orElse(List.of("*/*"));
        return caps.as(in -> new Capabilities(pictures, colour, max, Set.copyOf(types)));
    }

    public static ObjectNode write(Device device) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("id", device.id().value());
        json.put("user", device.owner().value());
        json.put("name", device.name());
        json.put("type", device.type().word());
        Capabilities caps = device.capabilities();
        ObjectNode capabilities = json.putObject("capabilities").put("pictures", caps.pictures()).put("colour", caps.colour());
        if (caps.maxMailBytes() != Capabilities.UNLIMITED) {
            capabilities.put("maxMailBytes", caps.maxMailBytes());
        }
        ArrayNode types = capabilities.putArray("attachmentTypes");
        caps.attachmentTypes().forEach(types::add);
        ArrayNode addresses = json.putArray("addresses");
        device.addresses().forEach(a -> addresses.add(a.uri()));
        return json;
    }
}
