package org.mailpush.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mailpush account add|list|remove}: mailboxes on other servers watched for a user (separate mode). */
@Command(name = "account", mixinStandardHelpOptions = true,
        description = "Add, list or remove upstream mailboxes (IMAP or POP3) watched for a user.",
        subcommands = {AccountCommand.Add.class, AccountCommand.ListAccounts.class, AccountCommand.Remove.class})
final class AccountCommand {

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = {"Watch a mailbox on another server for a user.",
                "Only mail that arrives from now on is pushed; what is in the mailbox already is not.",
                "The password comes from --password-file, else it is prompted for, else read from standard input."})
    static final class Add implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        ConfigOptions options;
        @Parameters(paramLabel = "USER")
        String user;
        @Option(names = "--protocol", required = true, description = "imap or pop3")
        String protocol;
        @Option(names = "--host", required = true)
        String host;
        @Option(names = "--port", description = "default 993/143 for IMAP, 995/110 for POP3, by TLS mode")
        Integer port;
        @Option(names = "--tls", defaultValue = "implicit", description = "none, starttls or implicit (default)")
        String tls;
        @Option(names = "--username", required = true)
        String username;
        @Option(names = "--folder", defaultValue = "INBOX", description = "the IMAP folder to watch (default INBOX)")
        String folder;
        @Option(names = "--password-file", paramLabel = "FILE", description = "a file whose first line is the password")
        Path passwordFile;
        @Option(names = "--insecure", description = "confirm a login in clear text (--tls none) to a host beyond this network")
        boolean insecure;

        @Override
        public Integer call() {
            ObjectNode account = JsonNodeFactory.instance.objectNode().put("protocol", protocol).put("host", host)
                    .put("tls", tls).put("username", username).put("folder", folder).put("password", password());
            if (port != null) {
                account.put("port", port);
            }
            if (insecure) {
                account.put("insecure", true);
            }
            JsonNode added = AdminSession.run(options, admin -> admin.addAccount(user, account));
            spec.commandLine().getOut().println("watching " + describe(added));
            return 0;
        }

        private String password() {
            return Secrets.read(passwordFile, "password for " + username + "@" + host + ": ");
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List a user's upstream mailboxes.")
    static final class ListAccounts implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        ConfigOptions options;
        @Parameters(paramLabel = "USER")
        String user;

        @Override
        public Integer call() {
            AdminSession.run(options, admin -> admin.accounts(user))
                    .forEach(account -> spec.commandLine().getOut().println(describe(account)));
            return 0;
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true, description = "Stop watching an upstream mailbox.")
    static final class Remove implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        ConfigOptions options;
        @Parameters(paramLabel = "ACCOUNT", description = "the account's number, as listed")
        String id;

        @Override
        public Integer call() {
            AdminSession.run(options, admin -> {
                admin.removeAccount(id);
                return null;
            });
            spec.commandLine().getOut().println("removed account " + id);
            return 0;
        }
    }

    static String describe(JsonNode account) {
        return "#" + account.path("id").asText() + " " + account.path("description").asText() + " (tls " + account.path("tls").asText() + ")";
    }
}
