package org.mailpush.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.TextStyle;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.mailpush.device.DeviceId;
import org.mailpush.device.DeviceType;
import org.mailpush.mail.Importance;
import org.mailpush.policy.Condition;
import org.mailpush.policy.Escalation;
import org.mailpush.policy.Policy;
import org.mailpush.policy.ReportingMode;
import org.mailpush.policy.Rule;
import org.mailpush.policy.Target;
import org.mailpush.policy.TimeWindow;

/** The JSON form of a push policy, as documented in {@code docs/policy.md}: read strictly, written back as it was written. */
public final class PolicyJson {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    /** An expiry as the docs write it, with seconds and the offset of the policy's zone: 2026-11-26T18:00:00+01:00. */
    private static final DateTimeFormatter UNTIL = DateTimeFormatter.ISO_OFFSET_DATE_TIME;
    /** The types a rule may name: those that receive mail. */
    private static final List<DeviceType> RECEIVING = Arrays.stream(DeviceType.values()).filter(DeviceType::receivesMail).toList();

    private PolicyJson() {}

    /** Reads a policy document; errors name the field path below {@code root} ("policy.rules[1].type"). */
    public static Policy read(JsonNode node, String root) {
        return read(new JsonInput(node, root));
    }

    static Policy read(JsonInput input) {
        JsonInput policy = input.object(Set.of("zone", "others", "reporting", "escalation", "rules"));
        ZoneId zone = policy.optional("zone").map(z -> z.as(in -> ZoneId.of(in.text()))).orElse(ZoneOffset.UTC);
        Policy.Others others = policy.optional("others")
                .map(o -> o.word(Policy.Others.class, PolicyJson::word))
                .orElse(Policy.Others.NOTHING);
        ReportingMode reporting = policy.optional("reporting")
                .map(r -> r.word(ReportingMode.class, PolicyJson::word))
                .orElse(ReportingMode.HEARTBEAT);
        Optional<Escalation> escalation = policy.optional("escalation").map(PolicyJson::escalation);
        List<Rule> rules = policy.field("rules").elements().stream().map(PolicyJson::rule).toList();
        return policy.as(in -> new Policy(zone, rules, others, reporting, escalation));
    }

    private static Escalation escalation(JsonInput input) {
        JsonInput escalation = input.object(Set.of("after", "unless"));
        var after = escalation.field("after").duration();
        var unless = escalation.optional("unless").map(u -> u.word(Escalation.Unless.class, PolicyJson::word))
                .orElse(Escalation.Unless.ACKNOWLEDGED);
        return escalation.as(in -> new Escalation(after, unless));
    }

    private static Rule rule(JsonInput input) {
        JsonInput rule = input.object(Set.of("name", "kind", "type", "device", "types", "atLeast", "choose", "exclude", "when", "until"));
        Target target = target(rule);
        String name = rule.optional("name").map(JsonInput::text).orElse(null);
        Condition when = rule.optional("when").map(PolicyJson::condition).orElse(Condition.ALWAYS);
        var until = rule.optional("until").map(JsonInput::instant);
        return rule.as(in -> new Rule(name, target, when, until));
    }

    private static Target target(JsonInput rule) {
        JsonInput kind = rule.field("kind");
        Set<String> used = switch (kind.text()) {
            case "in-use" -> Set.of();
            case "nearest" -> Set.of("exclude");
            case "prefer" -> Set.of(rule.has("device") ? "device" : "type");
            case "several" -> Set.of("types", "atLeast");
            case "capability" -> Set.of("choose");
            default -> throw kind.invalid("'" + kind.text() + "' is not one of in-use, prefer, several, nearest, capability");
        };
        for (String field : List.of("type", "device", "types", "atLeast", "choose", "exclude")) {
            if (rule.has(field) && !used.contains(field)) {
                throw rule.field(field).invalid("does not belong to a rule of kind '" + kind.text() + "'");
            }
        }
        return switch (kind.text()) {
            case "in-use" -> new Target.InUse();
            case "nearest" -> nearest(rule);
            case "prefer" -> rule.has("device")
                    ? new Target.PreferDevice(rule.field("device").as(in -> new DeviceId(in.text())))
                    : new Target.PreferType(receivingType(rule.field("type")));
            case "several" -> several(rule);
            default -> new Target.Capable(rule.optional("choose")
                    .map(c -> c.word(Target.Choice.class, PolicyJson::word))
                    .orElse(Target.Choice.NEAREST));
        };
    }

    private static Target nearest(JsonInput rule) {
        Set<DeviceType> exclude = EnumSet.noneOf(DeviceType.class);
        Optional<JsonInput> list = rule.optional("exclude");
        list.ifPresent(types -> types.elements().forEach(t -> exclude.add(receivingType(t))));
        return list.map(in -> in.as(types -> new Target.Nearest(exclude))).orElseGet(Target.Nearest::new);
    }

    private static Target several(JsonInput rule) {
        Set<DeviceType> types = EnumSet.noneOf(DeviceType.class);
        rule.optional("types").ifPresent(list -> list.elements()
                .forEach(t -> types.add(receivingType(t))));
        int atLeast = (int) (long) rule.optional("atLeast").map(n -> n.integer(1, 100)).orElse(1L);
        return rule.as(in -> new Target.Several(types, atLeast));
    }

    /**
     * A device type named by a rule. A locator is a device type too, but it only tells where its owner
     * is and never receives mail, so a rule cannot name it; the error says so rather than listing it.
     */
    private static DeviceType receivingType(JsonInput input) {
        String text = input.text();
        if (text.equals(DeviceType.LOCATOR.word())) {
            throw input.invalid("'" + text + "' cannot be named in a rule: a locator receives no mail (one of "
                    + String.join(", ", RECEIVING.stream().map(DeviceType::word).toList()) + ")");
        }
        return input.word(RECEIVING, DeviceType::word);
    }

    private static Condition condition(JsonInput input) {
        JsonInput when = input.object(Set.of("senders", "importance", "hours"));
        Set<String> senders = new LinkedHashSet<>();
        when.optional("senders").ifPresent(list -> list.elements().forEach(s -> senders.add(s.text())));
        var importance = when.optional("importance").map(i -> i.word(Importance.class, Importance::word));
        var hours = when.optional("hours").map(PolicyJson::hours);
        return when.as(in -> new Condition(senders, importance, hours));
    }

    private static TimeWindow hours(JsonInput input) {
        JsonInput hours = input.object(Set.of("days", "from", "to"));
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        hours.optional("days").ifPresent(list -> list.elements().forEach(d -> days.add(d.word(DayOfWeek.class, PolicyJson::word))));
        LocalTime from = time(hours.field("from"));
        LocalTime to = time(hours.field("to"));
        return hours.as(in -> new TimeWindow(days, from, to));
    }

    private static LocalTime time(JsonInput input) {
        String text = input.text();
        try {
            return LocalTime.parse(text);
        } catch (DateTimeParseException e) {
            throw input.invalid("must be a local time like 09:00 or 18:30, got '" + text + "'");
        }
    }

    /**
     * The normal form, which gives a policy back as it was written (docs/policy.md, "Reading a policy
     * back"): a field holding its default is left out — so is a rule's name when it is the generated
     * description —, the zone keeps the id it was given, and an expiry is written in the policy's zone.
     */
    public static ObjectNode write(Policy policy) {
        ObjectNode json = JSON.objectNode();
        if (!policy.zone().equals(ZoneOffset.UTC)) {
            json.put("zone", policy.zone().getId());
        }
        if (policy.others() != Policy.Others.NOTHING) {
            json.put("others", word(policy.others()));
        }
        if (policy.reporting() != ReportingMode.HEARTBEAT) {
            json.put("reporting", word(policy.reporting()));
        }
        policy.escalation().ifPresent(e -> {
            ObjectNode escalation = json.putObject("escalation").put("after", e.after().toString());
            if (e.unless() != Escalation.Unless.ACKNOWLEDGED) {
                escalation.put("unless", word(e.unless()));
            }
        });
        ArrayNode rules = json.putArray("rules");
        policy.rules().forEach(rule -> rules.add(write(rule, policy.zone())));
        return json;
    }

    private static ObjectNode write(Rule rule, ZoneId zone) {
        ObjectNode json = JSON.objectNode();
        if (!rule.name().equals(rule.target().describe())) {
            json.put("name", rule.name());
        }
        switch (rule.target()) {
            case Target.InUse t -> json.put("kind", "in-use");
            case Target.Nearest t -> {
                json.put("kind", "nearest");
                if (!t.exclude().isEmpty()) {
                    ArrayNode exclude = json.putArray("exclude");
                    t.exclude().stream().sorted().forEach(type -> exclude.add(type.word()));
                }
            }
            case Target.PreferType t -> json.put("kind", "prefer").put("type", t.type().word());
            case Target.PreferDevice t -> json.put("kind", "prefer").put("device", t.device().value());
            case Target.Several t -> {
                json.put("kind", "several");
                if (!t.types().isEmpty()) {
                    ArrayNode types = json.putArray("types");
                    t.types().forEach(type -> types.add(type.word()));
                }
                if (t.atLeast() != 1) {
                    json.put("atLeast", t.atLeast());
                }
            }
            case Target.Capable t -> {
                json.put("kind", "capability");
                if (t.choose() != Target.Choice.NEAREST) {
                    json.put("choose", word(t.choose()));
                }
            }
        }
        if (!rule.when().always()) {
            json.set("when", write(rule.when()));
        }
        rule.until().ifPresent(until -> json.put("until", UNTIL.format(until.atZone(zone))));
        return json;
    }

    private static ObjectNode write(Condition condition) {
        ObjectNode json = JSON.objectNode();
        if (!condition.senders().isEmpty()) {
            ArrayNode senders = json.putArray("senders");
            condition.senders().forEach(senders::add);
        }
        condition.minImportance().ifPresent(i -> json.put("importance", i.word()));
        condition.hours().ifPresent(window -> {
            ObjectNode hours = json.putObject("hours");
            if (window.days().size() < 7) {
                ArrayNode days = hours.putArray("days");
                window.days().forEach(d -> days.add(word(d)));
            }
            hours.put("from", window.from().toString());
            hours.put("to", window.to().toString());
        });
        return json;
    }

    static String word(Enum<?> constant) {
        return switch (constant) {
            case DayOfWeek day -> day.getDisplayName(TextStyle.SHORT, Locale.ROOT).toLowerCase(Locale.ROOT);
            default -> constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
        };
    }

}
