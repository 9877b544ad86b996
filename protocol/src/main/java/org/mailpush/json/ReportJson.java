package org.mailpush.json;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.mailpush.json.JsonInput.UnknownFields;
import org.mailpush.presence.Location;
import org.mailpush.presence.PowerState;
import org.mailpush.presence.Proximity;
import org.mailpush.presence.Temperature;
import org.mailpush.presence.UsageReport;

/**
 * The JSON form of a usage report: {@code {"at", "power", "lastInput", "proximity", "temperature",
 * "location": {"lat", "lon", "accuracy"}}}; {@code at} and {@code power} are required.
 */
public final class ReportJson {
    private ReportJson() {}

    static UsageReport read(JsonInput input) {
        return read(input, UnknownFields.REFUSE);
    }

    /**
     * Reads a report; {@code unknown} says what becomes of fields this version does not know: a
     * terminal's report may carry them (a newer terminal senses more), a scenario's may not (a typo).
     */
    static UsageReport read(JsonInput input, UnknownFields unknown) {
        JsonInput report = input.object(Set.of("at", "power", "lastInput", "proximity", "temperature", "location"), unknown);
        Instant at = report.field("at").instant();
        PowerState power = report.field("power").word(PowerState.class, PolicyJson::word);
        Optional<Instant> lastInput = report.optional("lastInput").map(JsonInput::instant);
        Proximity proximity = report.optional("proximity").map(p -> p.word(Proximity.class, PolicyJson::word))
                .orElse(Proximity.NOT_SENSED);
        Optional<Temperature> temperature = report.optional("temperature").map(t -> t.as(in -> new Temperature(in.number())));
        Optional<Location> location = report.optional("location").map(l -> location(l, unknown));
        return new UsageReport(at, power, lastInput, proximity, temperature, location);
    }

    private static Location location(JsonInput input, UnknownFields unknown) {
        JsonInput location = input.object(Set.of("lat", "lon", "accuracy"), unknown);
        double lat = location.field("lat").number();
        double lon = location.field("lon").number();
        double accuracy = location.optional("accuracy").map(JsonInput::number).orElse(0.0);
        return location.as(in -> new Location(lat, lon, accuracy));
    }

    public static ObjectNode write(UsageReport report) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("at", report.reportedAt().toString());
        json.put("power", PolicyJson.word(report.power()));
        report.lastInput().ifPresent(at -> json.put("lastInput", at.toString()));
        if (report.proximity() != Proximity.NOT_SENSED) {
            json.put("proximity", PolicyJson.word(report.proximity()));
        }
        report.temperature().ifPresent(t -> json.put("temperature", t.celsius()));
        report.location().ifPresent(l -> json.putObject("location")
                .put("lat", l.latitude()).put("lon", l.longitude()).put("accuracy", l.accuracyMetres()));
        return json;
    }
}
