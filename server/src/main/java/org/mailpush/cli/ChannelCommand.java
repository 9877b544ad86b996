package org.mailpush.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code mailpush device channel add|list|remove}: how a terminal is reached without its link — an
 * APNs or FCM token, a phone number for SMS, a webhook, a Web Push or UnifiedPush endpoint
 * (docs/transports.md). The running server checks a channel before it keeps it.
 */
@Command(name = "channel", mixinStandardHelpOptions = true, description = "Add, list or remove a terminal's push channels.",
        subcommands = {ChannelCommand.Add.class, ChannelCommand.ListChannels.class, ChannelCommand.Remove.class})
final class ChannelCommand {

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = {"Add a push channel to a terminal; the server checks it first (it must be running for this).",
                "  apns:TOKEN (an iOS/macOS app's device token), fcm:TOKEN (an Android app's registration token),",
                "  tel:+E164 (SMS), https://... (webhook, Web Push, UnifiedPush)"})
    static final class Add implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        ConfigOptions options;
        @Parameters(index = "0", paramLabel = "USER")
        String user;
        @Parameters(index = "1", paramLabel = "DEVICE")
        String device;
        @Parameters(index = "2", paramLabel = "ENDPOINT", description = "apns:TOKEN, fcm:TOKEN, tel:+E164 or an https URL")
        String endpoint;
        @Option(names = "--kind", description = "apns, fcm, sms, webhook, web-push or unifiedpush; by default from the endpoint "
                + "(apns:, fcm:, tel: → sms, https → webhook)")
        String kind;
        @Option(names = "--p256dh", description = "web-push and unifiedpush: the subscription's P-256 key, base64url")
        String p256dh;
        @Option(names = "--auth", description = "web-push and unifiedpush: the subscription's auth secret, base64url")
        String auth;

        @Override
        public Integer call() {
            ObjectNode channel = JsonNodeFactory.instance.objectNode().put("kind", kind != null ? kind : kindOf(endpoint))
                    .put("endpoint", endpoint);
            if (p256dh != null || auth != null) {
                channel.putObject("keys").put("p256dh", p256dh == null ? "" : p256dh).put("auth", auth == null ? "" : auth);
            }
            JsonNode added = AdminSession.run(options, admin -> admin.addChannel(user, device, channel));
            spec.commandLine().getOut().println("added " + describe(added) + " to " + device);
            return 0;
        }

        private static String kindOf(String endpoint) {
            int colon = endpoint.indexOf(':');
            String scheme = colon < 0 ? "" : endpoint.substring(0, colon).toLowerCase(java.util.Locale.ROOT);
            return switch (scheme) {
                case "apns", "fcm" -> scheme;
                case "tel" -> "sms";
                default -> "webhook";
            };
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List a terminal's push channels with their last success and failure.")
    static final class ListChannels implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        ConfigOptions options;
        @Parameters(index = "0", paramLabel = "USER")
        String user;
        @Parameters(index = "1", paramLabel = "DEVICE")
        String device;

        @Override
        public Integer call() {
            AdminSession.run(options, admin -> admin.channels(user, device))
                    .forEach(channel -> spec.commandLine().getOut().println(describe(channel)));
            return 0;
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true, description = "Remove a push channel from a terminal.")
    static final class Remove implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        ConfigOptions options;
        @Parameters(index = "0", paramLabel = "USER")
        String user;
        @Parameters(index = "1", paramLabel = "DEVICE")
        String device;
        @Parameters(index = "2", paramLabel = "ENDPOINT")
        String endpoint;

        @Override
        public Integer call() {
            AdminSession.run(options, admin -> {
                admin.removeChannel(user, device, endpoint);
                return null;
            });
            spec.commandLine().getOut().println("removed " + endpoint + " from " + device);
            return 0;
        }
    }

    /** "fcm fcm:abc… — last push 2026-12-05T10:02:03Z ok" or "… — failing since …: 503". */
    static String describe(JsonNode channel) {
        String state = channel.has("lastFailure") && !channel.path("working").asBoolean(true)
                ? "failing since " + channel.path("lastFailure").asText() + ": " + channel.path("failure").asText()
                : channel.has("lastSuccess") ? "last push " + channel.path("lastSuccess").asText() + " ok" : "no push yet";
        return channel.path("kind").asText() + " " + channel.path("endpoint").asText() + " — " + state;
    }
}
