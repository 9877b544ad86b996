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

/** {@code mailpush user add|list|remove}: the users mail is pushed for. */
@Command(name = "user", mixinStandardHelpOptions = true, description = "Add, list or remove users.",
        subcommands = {UserCommand.Add.class, UserCommand.ListUsers.class, UserCommand.Password.class, UserCommand.Remove.class})
final class UserCommand {

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Add a user with the addresses mail for them arrives at.")
    static final class Add implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        ConfigOptions options;
        @Parameters(paramLabel = "ID", description = "the user's id: letters, digits, '.', '_', '-'")
        String id;
        @Option(names = {"-a", "--address"}, required = true, paramLabel = "ADDRESS",
                description = "an address of the user (repeat for aliases)")
        List<String> addresses = new ArrayList<>();
        @Option(names = "--name", paramLabel = "NAME", description = "the user's display name")
        String name;

        @Override
        public Integer call() {
            ObjectNode user = JsonNodeFactory.instance.objectNode().put("id", id);
            if (name != null) {
                user.put("name", name);
            }
            addresses.forEach(user.putArray("addresses")::add);
            JsonNode added = AdminSession.run(options, admin -> admin.addUser(user));
            spec.commandLine().getOut().println("added " + describe(added));
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the users.")
    static final class ListUsers implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        ConfigOptions options;

        @Override
        public Integer call() {
            JsonNode users = AdminSession.run(options, HttpAdminClient::users);
            users.forEach(user -> spec.commandLine().getOut().println(describe(user)));
            return 0;
        }
    }

    @Command(name = "password", mixinStandardHelpOptions = true,
            description = {"Set a user's password, for the web app and for enrolling terminals.",
                "It comes from --password-file, else it is prompted for, else read from standard input."})
    static final class Password implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        ConfigOptions options;
        @Parameters(paramLabel = "ID")
        String id;
        @Option(names = "--password-file", paramLabel = "FILE", description = "a file whose first line is the password")
        java.nio.file.Path passwordFile;

        @Override
        public Integer call() {
            String password = Secrets.read(passwordFile, "new password for " + id + ": ");
            AdminSession.run(options, admin -> {
                admin.setPassword(id, password);
                return null;
            });
            spec.commandLine().getOut().println("password set for " + id);
            return 0;
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true,
            description = "Remove a user with their devices, upstream accounts, mail and settings.")
    static final class Remove implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        ConfigOptions options;
        @Parameters(paramLabel = "ID")
        String id;

        @Override
        public Integer call() {
            AdminSession.run(options, admin -> {
                admin.removeUser(id);
                return null;
            });
            spec.commandLine().getOut().println("removed user " + id);
            return 0;
        }
    }

    static String describe(JsonNode user) {
        List<String> addresses = new ArrayList<>();
        user.path("addresses").forEach(a -> addresses.add(a.asText()));
        return user.path("id").asText() + " (" + user.path("name").asText() + "): " + String.join(", ", addresses);
    }
}
