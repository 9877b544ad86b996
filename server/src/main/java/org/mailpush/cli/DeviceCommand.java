package org.mailpush.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mailpush device add|list|revoke|channel}: a user's terminals, their tokens and their push channels. */
@Command(name = "device", mixinStandardHelpOptions = true, description = "Enrol, list or revoke a user's terminals; add or remove their push channels.",
        subcommands = {DeviceCommand.Add.class, DeviceCommand.ListDevices.class, DeviceCommand.Revoke.class, ChannelCommand.class})
final class DeviceCommand {

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = "Enrol a terminal and print its token (shown this once). Enrolling an id again replaces its token.")
    static final class Add implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        ConfigOptions options;
        @Parameters(index = "0", paramLabel = "USER")
        String user;
        @Parameters(index = "1", paramLabel = "DEVICE", description = "the device's id: letters, digits, '.', '_', '-'")
        String id;
        @Option(names = "--type", required = true, description = "phone, laptop, desktop, tablet, browser or locator")
        String type;
        @Option(names = "--name", description = "the name shown in hints and explanations")
        String name;
        @Option(names = "--address", paramLabel = "URI", description = "tel:+E164, ip:ADDRESS, mac:HEX or an https: push endpoint (repeat)")
        List<String> addresses = new ArrayList<>();
        @Option(names = "--no-pictures", description = "it cannot show pictures")
        boolean noPictures;
        @Option(names = "--monochrome", description = "its screen shows no colour: a mail with pictures needs colour (docs/policy.md)")
        boolean monochrome;
        @Option(names = "--max-mail-size", paramLabel = "BYTES", description = "the largest mail it takes whole")
        Long maxMailBytes;
        @Option(names = "--accept", paramLabel = "TYPE", description = "an attachment type it opens, e.g. image/* (repeat; default */*)")
        List<String> accepted = new ArrayList<>();

        @Override
        public Integer call() {
            ObjectNode device = JsonNodeFactory.instance.objectNode().put("id", id).put("type", type);
            if (name != null) {
                device.put("name", name);
            }
            addresses.forEach(device.putArray("addresses")::add);
            ObjectNode capabilities = device.putObject("capabilities").put("pictures", !noPictures).put("colour", !monochrome);
            if (maxMailBytes != null) {
                capabilities.put("maxMailBytes", maxMailBytes);
            }
            if (!accepted.isEmpty()) {
                accepted.forEach(capabilities.putArray("attachmentTypes")::add);
            }
            JsonNode enrolled = AdminSession.run(options, admin -> admin.enrolDevice(user, device));
            var out = spec.commandLine().getOut();
            out.println("enrolled " + describe(enrolled.path("device")));
            out.println("token: " + enrolled.path("token").asText());
            out.println("(the token is shown this once; the terminal needs it to connect)");
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List a user's terminals.")
    static final class ListDevices implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        ConfigOptions options;
        @Parameters(paramLabel = "USER")
        String user;

        @Override
        public Integer call() {
            AdminSession.run(options, admin -> admin.devices(user))
                    .forEach(device -> spec.commandLine().getOut().println(describe(device)));
            return 0;
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true,
            description = "Revoke a terminal: its token stops working and its connection closes at once.")
    static final class Revoke implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        ConfigOptions options;
        @Parameters(index = "0", paramLabel = "USER")
        String user;
        @Parameters(index = "1", paramLabel = "DEVICE")
        String id;

        @Override
        public Integer call() {
            AdminSession.run(options, admin -> {
                admin.revokeDevice(user, id);
                return null;
            });
            spec.commandLine().getOut().println("revoked " + id);
            return 0;
        }
    }

    static String describe(JsonNode device) {
        List<String> addresses = new ArrayList<>();
        device.path("addresses").forEach(a -> addresses.add(a.asText()));
        return device.path("id").asText() + " (" + device.path("type").asText() + ", \"" + device.path("name").asText() + "\")"
                + (addresses.isEmpty() ? "" : " " + String.join(" ", addresses)) + state(device);
    }

    /** " — idle, not connected for 200 s, unreachable", as the device list gives it; nothing when it does not. */
    private static String state(JsonNode device) {
        if (!device.has("state")) {
            return "";
        }
        String link = device.path("connected").asBoolean() ? "connected"
                : device.has("notConnectedFor") ? "not connected for " + device.path("notConnectedFor").asLong() + " s"
                : "not connected";
        return " — " + device.path("state").asText().replace('-', ' ') + ", " + link
                + (device.path("reachable").asBoolean(true) ? "" : ", unreachable");
    }
}
