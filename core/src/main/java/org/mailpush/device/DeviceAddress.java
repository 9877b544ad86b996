package org.mailpush.device;

import java.net.URI;
import java.util.regex.Pattern;

/**
 * Where a push can be sent to a terminal (SPEC S3): its live link, a phone number, an IP or MAC
 * address, or a push endpoint (Web Push, APNs, FCM).
 */
public sealed interface DeviceAddress {

    /** The textual form used in plans and documents ("tel:+4915112345678", "ip:10.0.0.7"). */
    String uri();

    /**
     * Reads the textual form: {@code link:}, {@code tel:+E164}, {@code ip:LITERAL}, {@code mac:HEX},
     * or an absolute {@code https:}/{@code http:} push endpoint URL.
     *
     * @throws IllegalArgumentException naming the text when it is none of these
     */
    static DeviceAddress parse(String text) {
        String lower = text.toLowerCase(java.util.Locale.ROOT);
        if (lower.equals("link:")) {
            return new Link();
        } else if (lower.startsWith("tel:")) {
            return new PhoneNumber(text.substring(4));
        } else if (lower.startsWith("ip:")) {
            return new IpAddress(text.substring(3));
        } else if (lower.startsWith("mac:")) {
            return new MacAddress(text.substring(4));
        } else if (lower.startsWith("https:") || lower.startsWith("http:")) {
            try {
                return new PushEndpoint(new URI(text));
            } catch (java.net.URISyntaxException e) {
                throw new IllegalArgumentException("push endpoint is not a valid URI: '" + text + "'", e);
            }
        }
        throw new IllegalArgumentException(
                "address must start with link:, tel:, ip:, mac:, https: or http:, got '" + text + "'");
    }

    /** The terminal's own connection to the server (WebSocket or SSE); every terminal has it. */
    record Link() implements DeviceAddress {
        @Override
        public String uri() {
            return "link:";
        }
    }

    /** A mobile number in E.164 form, for SMS / WAP Push. */
    record PhoneNumber(String e164) implements DeviceAddress {
        private static final Pattern FORM = Pattern.compile("\\+[1-9][0-9]{6,14}");

        public PhoneNumber {
            if (e164 == null || !FORM.matcher(e164).matches()) {
                throw new IllegalArgumentException("phone number must be E.164 like +4915112345678, got '" + e164 + "'");
            }
        }

        @Override
        public String uri() {
            return "tel:" + e164;
        }
    }

    /** An IPv4 or IPv6 literal where the terminal listens for IP push. */
    record IpAddress(String literal) implements DeviceAddress {
        private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}");
        private static final Pattern IPV6_CHARACTERS = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

        public IpAddress {
            if (literal == null || !(IPV4.matcher(literal).matches() || ipv6(literal))) {
                throw new IllegalArgumentException("IP address must be an IPv4 or IPv6 literal, got '" + literal + "'");
            }
        }

        /** java.net.URI parses an IPv6 literal strictly (RFC 2732) and never resolves a name. */
        private static boolean ipv6(String literal) {
            if (!IPV6_CHARACTERS.matcher(literal).matches()) {
                return false;
            }
            try {
                return new URI("ip://[" + literal + "]").getHost() != null;
            } catch (java.net.URISyntaxException e) {
                return false;
            }
        }

        @Override
        public String uri() {
            return "ip:" + literal;
        }
    }

    /** A network card's MAC address, for Wake-on-LAN of a sleeping laptop or desktop (SPEC M6). */
    record MacAddress(String hex) implements DeviceAddress {
        private static final Pattern FORM = Pattern.compile("[0-9a-f]{2}(:[0-9a-f]{2}){5}");

        public MacAddress {
            hex = hex == null ? null : hex.toLowerCase(java.util.Locale.ROOT).replace('-', ':');
            if (hex == null || !FORM.matcher(hex).matches()) {
                throw new IllegalArgumentException("MAC address must be six hex pairs like 3c:22:fb:01:02:03, got '" + hex + "'");
            }
        }

        @Override
        public String uri() {
            return "mac:" + hex;
        }
    }

    /** A push service endpoint (Web Push subscription, APNs or FCM token URL). */
    record PushEndpoint(URI endpoint) implements DeviceAddress {
        public PushEndpoint {
            if (endpoint == null || !endpoint.isAbsolute()) {
                throw new IllegalArgumentException("push endpoint must be an absolute URI, got '" + endpoint + "'");
            }
        }

        @Override
        public String uri() {
            return endpoint.toString();
        }
    }
}
