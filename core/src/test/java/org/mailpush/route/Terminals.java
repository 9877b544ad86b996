package org.mailpush.route;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.mailpush.device.Capabilities;
import org.mailpush.device.Device;
import org.mailpush.device.DeviceAddress;
import org.mailpush.device.DeviceId;
import org.mailpush.device.DeviceType;
import org.mailpush.mail.Importance;
import org.mailpush.mail.MailSummary;
import org.mailpush.presence.Location;
import org.mailpush.presence.PowerState;
import org.mailpush.presence.Proximity;
import org.mailpush.presence.Temperature;
import org.mailpush.presence.UsageReport;
import org.mailpush.user.UserId;

/**
 * Readable fixtures for routing scenarios: terminals, their usage reports and mail summaries. Every
 * time is an age relative to {@link #NOW} (or to the moment given to {@link #reportAt(Instant)}), so a
 * table of scenarios reads like the situation it describes:
 *
 * <pre>{@code
 * var desk = desktop("desk").with(report().input(seconds(12)));
 * var phone = phone("p1").monochrome().with(report().asleep());
 * var mail = mail().from("boss@example.com").pictures(1).summary();
 * }</pre>
 *
 * <p>All builders are immutable: each method returns a changed copy. Shared with the adapters' tests
 * through the core test-jar.
 */
public final class Terminals {
    /** The user every terminal belongs to unless told otherwise. */
    public static final UserId ALICE = new UserId("alice");
    /** Another user, whose terminals must never appear in ALICE's plans. */
    public static final UserId MALLORY = new UserId("mallory");
    /** The moment of routing: Friday 14 March 2025, 10:00 UTC (11:00 in Berlin). */
    public static final Instant NOW = Instant.parse("2025-03-14T10:00:00Z");

    private Terminals() {}

    public static Terminal phone(String id) {
        return terminal(id, DeviceType.PHONE);
    }

    public static Terminal laptop(String id) {
        return terminal(id, DeviceType.LAPTOP);
    }

    public static Terminal desktop(String id) {
        return terminal(id, DeviceType.DESKTOP);
    }

    public static Terminal tablet(String id) {
        return terminal(id, DeviceType.TABLET);
    }

    public static Terminal browser(String id) {
        return terminal(id, DeviceType.BROWSER);
    }

    /** A badge or watch: reports where its owner is, receives nothing. */
    public static Terminal locator(String id) {
        return terminal(id, DeviceType.LOCATOR);
    }

    /** A terminal of this type named after its id, owned by {@link #ALICE}, showing everything, reached by its link. */
    public static Terminal terminal(String id, DeviceType type) {
        return new Terminal(new DeviceId(id), ALICE, id, type, Capabilities.FULL, List.of());
    }

    /** A report taken {@link #NOW} by a terminal that is on and sensed nothing else. */
    public static Report report() {
        return reportAt(NOW);
    }

    /** A report whose ages count back from {@code now}. */
    public static Report reportAt(Instant now) {
        return new Report(now, Duration.ZERO, PowerState.ON, Optional.empty(), Proximity.NOT_SENSED,
                Optional.empty(), Optional.empty());
    }

    /** A plain text mail from friend@example.org: 2 KB, no pictures, no attachments, normal importance. */
    public static Mail mail() {
        return new Mail("friend@example.org", "Hello", 2_000, 0, List.of(), Importance.NORMAL);
    }

    /** A position in Paris, 10 m accurate; offsets in metres move it north and east. */
    public static Location paris(double metresNorth, double metresEast) {
        double latitude = 48.8566 + metresNorth / 111_195.0;
        double longitude = 2.3522 + metresEast / (111_195.0 * Math.cos(Math.toRadians(48.8566)));
        return new Location(latitude, longitude, 10);
    }

    public static Duration seconds(long seconds) {
        return Duration.ofSeconds(seconds);
    }

    public static Duration minutes(long minutes) {
        return Duration.ofMinutes(minutes);
    }

    /** One terminal of a scenario, before it is paired with its latest report. */
    public record Terminal(
            DeviceId id, UserId owner, String name, DeviceType type, Capabilities capabilities, List<DeviceAddress> addresses) {

        public Terminal {
            addresses = List.copyOf(addresses);
        }

        public Terminal named(String name) {
            return new Terminal(id, owner, name, type, capabilities, addresses);
        }

        public Terminal ownedBy(UserId owner) {
            return new Terminal(id, owner, name, type, capabilities, addresses);
        }

        public Terminal capabilities(Capabilities capabilities) {
            return new Terminal(id, owner, name, type, capabilities, addresses);
        }

        /** A monochrome screen that shows no pictures (SPEC M2); it still takes any size and attachment. */
        public Terminal monochrome() {
            return capabilities(new Capabilities(false, false, Capabilities.UNLIMITED, Set.of("*/*")));
        }

        /** Shows pictures, but on a screen without colour ({@code mailpush device add --monochrome}). */
        public Terminal withoutColour() {
            var current = capabilities;
            return capabilities(new Capabilities(current.pictures(), false, current.maxMailBytes(), current.attachmentTypes()));
        }

        /** Opens only these attachment types (lower case, wildcards allowed). */
        public Terminal accepting(String... mimeTypes) {
            var current = capabilities;
            return capabilities(new Capabilities(current.pictures(), current.colour(), current.maxMailBytes(), Set.of(mimeTypes)));
        }

        public Terminal maxMailBytes(long bytes) {
            var current = capabilities;
            return capabilities(new Capabilities(current.pictures(), current.colour(), bytes, current.attachmentTypes()));
        }

        /** Where pushes reach it, in order of preference. */
        public Terminal addresses(DeviceAddress... addresses) {
            return new Terminal(id, owner, name, type, capabilities, List.of(addresses));
        }

        public Device device() {
            return new Device(id, owner, name, type, capabilities, addresses);
        }

        /** The terminal with this latest report. */
        public DeviceSnapshot with(Report report) {
            return DeviceSnapshot.of(device(), report.usageReport());
        }

        /** The terminal before it ever reported. */
        public DeviceSnapshot unreported() {
            return DeviceSnapshot.unreported(device());
        }
    }

    /** A usage report described by ages before {@code now}: how old it is, how long since the last input. */
    public record Report(
            Instant now,
            Duration age,
            PowerState power,
            Optional<Duration> inputAgo,
            Proximity proximity,
            Optional<Temperature> temperature,
            Optional<Location> location) {

        public Report {
            Objects.requireNonNull(now, "now");
        }

        /** The report was taken this long before now (negative: the terminal's clock runs ahead). */
        public Report ago(Duration age) {
            return new Report(now, age, power, inputAgo, proximity, temperature, location);
        }

        /** The user last gave input this long before now. */
        public Report input(Duration ago) {
            return new Report(now, age, power, Optional.of(ago), proximity, temperature, location);
        }

        public Report near() {
            return proximity(Proximity.NEAR);
        }

        public Report away() {
            return proximity(Proximity.AWAY);
        }

        public Report proximity(Proximity proximity) {
            return new Report(now, age, power, inputAgo, proximity, temperature, location);
        }

        /** The body-contact sensor reads this many degrees Celsius. */
        public Report celsius(double degrees) {
            return new Report(now, age, power, inputAgo, proximity, Optional.of(Temperature.celsius(degrees)), location);
        }

        public Report at(Location location) {
            return new Report(now, age, power, inputAgo, proximity, temperature, Optional.of(location));
        }

        public Report asleep() {
            return power(PowerState.ASLEEP);
        }

        public Report off() {
            return power(PowerState.OFF);
        }

        public Report power(PowerState power) {
            return new Report(now, age, power, inputAgo, proximity, temperature, location);
        }

        public UsageReport usageReport() {
            return new UsageReport(now.minus(age), power, inputAgo.map(now::minus), proximity, temperature, location);
        }
    }

    /** A mail summary under construction. */
    public record Mail(String sender, String subject, long sizeBytes, int pictures, List<String> attachmentTypes, Importance importance) {

        public Mail {
            attachmentTypes = List.copyOf(attachmentTypes);
        }

        public Mail from(String sender) {
            return new Mail(sender, subject, sizeBytes, pictures, attachmentTypes, importance);
        }

        public Mail subject(String subject) {
            return new Mail(sender, subject, sizeBytes, pictures, attachmentTypes, importance);
        }

        public Mail size(long bytes) {
            return new Mail(sender, subject, bytes, pictures, attachmentTypes, importance);
        }

        /** The mail carries this many image parts. */
        public Mail pictures(int count) {
            return new Mail(sender, subject, sizeBytes, count, attachmentTypes, importance);
        }

        /** Adds an attachment of this MIME type. */
        public Mail attachment(String mimeType) {
            var types = new ArrayList<>(attachmentTypes);
            types.add(mimeType);
            return new Mail(sender, subject, sizeBytes, pictures, types, importance);
        }

        public Mail importance(Importance importance) {
            return new Mail(sender, subject, sizeBytes, pictures, attachmentTypes, importance);
        }

        public MailSummary summary() {
            return new MailSummary(sender, subject, sizeBytes, pictures, attachmentTypes, importance, "");
        }
    }
}
