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

/** {@code mailpush token create|list|revoke}: a user's personal API tokens, for scripts. */
@Command(name = "token", mixinStandardHelpOptions = true,
        description = "Make, list or revoke a user's personal API tokens (for scripts; see docs/web.md).",
        subcommands = {TokenCommand.Create.class, TokenCommand.ListTokens.class, TokenCommand.Revoke.class})
final class TokenCommand {

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Make a personal API token and print it (shown this once; the server keeps its hash only).")
    static final class Create implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        ConfigOptions options;
        @Parameters(index = "0", paramLabel = "USER")
        String user;
        @Parameters(index = "1", paramLabel = "NAME", description = "what the token is for, e.g. \"backup script\"")
        String name;
        @Option(names = "--scope", required = true, paramLabel = "SCOPE",
                description = "what it may do: mail:read, devices, policy or accounts (repeat for several)")
        List<String> scopes = new ArrayList<>();

        @Override
        public Integer call() {
            ObjectNode body = JsonNodeFactory.instance.objectNode().put("name", name);
            scopes.forEach(body.putArray("scopes")::add);
            JsonNode created = AdminSession.run(options, admin -> admin.createToken(user, body));
            var out = spec.commandLine().getOut();
            out.println("created " + describe(created));
            out.println("token: " + created.path("token").asText());
            out.println("(the token is shown this once; send it as 'Authorization: Bearer <token>')");
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List a user's personal API tokens (never the tokens themselves).")
    static final class ListTokens implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        ConfigOptions options;
        @Parameters(paramLabel = "USER")
        String user;

        @Override
        public Integer call() {
            AdminSession.run(options, admin -> admin.tokens(user)).forEach(token -> spec.commandLine().getOut().println(describe(token)));
            return 0;
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revoke a personal API token: it stops working at once.")
    static final class Revoke implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        ConfigOptions options;
        @Parameters(index = "0", paramLabel = "USER")
        String user;
        @Parameters(index = "1", paramLabel = "ID", description = "the token's id, as 'token list' shows it")
        String id;

        @Override
        public Integer call() {
            AdminSession.run(options, admin -> {
                admin.revokeToken(user, id);
                return null;
            });
            spec.commandLine().getOut().println("revoked token " + id);
            return 0;
        }
    }

    /** "3 \"backup script\" mail:read policy, created 2026-…, last used 2026-…" */
    static String describe(JsonNode token) {
        List<String> scopes = new ArrayList<>();
        token.path("scopes").forEach(s -> scopes.add(s.asText()));
        String lastUsed = token.path("lastUsed").isTextual() ? "last used " + token.path("lastUsed").asText() : "never used";
        return token.path("id").asText() + " \"" + token.path("name").asText() + "\" " + String.join(" ", scopes)
                + ", created " + token.path("created").asText() + ", " + lastUsed;
    }
}
