package org.mailpush.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.function.Function;
import org.mailpush.admin.Administration;
import org.mailpush.api.AdminApi;
import org.mailpush.api.AdminToken;
import org.mailpush.api.ApiServer;
import org.mailpush.api.HttpSettings;
import org.mailpush.api.TokenApi;
import org.mailpush.api.UserAccess;
import org.mailpush.api.WebSessions;
import org.mailpush.api.TerminalStates;
import org.mailpush.app.DataDirectory;
import org.mailpush.app.ServerConfig;
import org.mailpush.app.ServerFile;
import org.mailpush.presence.PresenceInference;
import org.mailpush.presence.Reachability;
import org.mailpush.store.jdbc.Database;

/**
 * How an admin command reaches the data: through the HTTP admin API of the server that serves the
 * data directory when one runs (it holds the database), else by opening the database itself behind
 * the same API on a private loopback port — one code path either way.
 */
final class AdminSession {
    private AdminSession() {}

    static <T> T run(ConfigOptions options, Function<HttpAdminClient, T> work) {
        Path data = options.dataDirectory();
        var running = ServerFile.running(data);
        if (running.isPresent()) {
            try {
                AdminToken token = AdminToken.load(data.resolve(AdminToken.FILE_NAME));
                return work.apply(new HttpAdminClient(running.get().http(), token));
            } catch (IOException e) {
                throw new UncheckedIOException("a server runs on " + data + " but its admin token is unreadable: " + e.getMessage(), e);
            }
        }
        ServerConfig config = options.config();
        DataDirectory.secure(data);
        try (Database database = Database.open(config.database(), config.secrets().storeKey())) {
            DataDirectory.tightenCreated(data);
            var administration = new Administration(
                    new Administration.Stores(database.users(), database.credentials(),
                            database.upstreamAccounts(), database.devices(), database.tokens()),
                    Administration.Listeners.NONE);
            AdminToken token = AdminToken.random();
            try (ApiServer api = ApiServer.start(new HttpSettings("127.0.0.1", 0, config.http().maxRequestBytes()),
                    List.of(new AdminApi(token, administration, new AdminApi.Mailboxes(database.mails(), database.plans(),
                            database.outbox()), offline(database, config)),
                            new TokenApi(new UserAccess(new WebSessions(InstantSource.system()), database.users(), database.credentials(), database.tokens(),
                                    database.devices(), database.apiTokens(), database.policyFromTerminals(), InstantSource.system()),
                                    token, database.users(), InstantSource.system())))) {
                return work.apply(new HttpAdminClient(URI.create("http://127.0.0.1:" + api.port()), token));
            }
        }
    }

    /** The terminals' states with no server running: from their last reports, and nobody connected. */
    private static TerminalStates offline(Database database, ServerConfig config) {
        Instant now = Instant.now();
        return new TerminalStates(database.reports(), new PresenceInference(config.presence()), InstantSource.system(),
                device -> Reachability.notConnectedSince(now, List.of()), config.staleDevicesAfter());
    }
}
