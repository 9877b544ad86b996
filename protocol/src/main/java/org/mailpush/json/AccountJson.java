package org.mailpush.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;
import org.mailpush.upstream.MailProtocol;
import org.mailpush.upstream.Secret;
import org.mailpush.upstream.TlsMode;
import org.mailpush.upstream.UpstreamAccount;
import org.mailpush.upstream.UpstreamServer;

/**
 * The JSON form of an upstream account. The password is read, never written: a written account
 * carries no secret.
 */
public final class AccountJson {
    private AccountJson() {}

    public static UpstreamServer read(JsonNode document) {
        JsonInput server = new JsonInput(document, "")
                .object(Set.of("protocol", "host", "port", "tls", "username", "password", "folder", "insecure"));
        MailProtocol protocol = server.field("protocol").word(MailProtocol.class, PolicyJson::word);
        TlsMode tls = server.optional("tls").map(t -> t.word(TlsMode.class, PolicyJson::word)).orElse(TlsMode.IMPLICIT);
        int port = (int) (long) server.optional("port").map(p -> p.integer(1, 65535))
                .orElse(defaultPort(protocol, tls));
        String host = server.field("host").text();
        String username = server.field("username").text();
        Secret password = new Secret(server.field("password").text());
        String folder = server.optional("folder").map(JsonInput::text).orElse("INBOX");
        return server.as(in -> new UpstreamServer(protocol, host, port, tls, username, password, folder));
    }

    /**
     * Whether the document confirms a login in clear text ({@code "insecure": true}), which {@code tls
     * none} to a host beyond the server's own network needs; false when absent.
     */
    public static boolean insecure(JsonNode document) {
        JsonInput server = new JsonInput(document, "");
        return server.has("insecure") && server.field("insecure").bool();
    }

    /** The IANA port for the protocol and TLS mode: 993/143 for IMAP, 995/110 for POP3. */
    public static long defaultPort(MailProtocol protocol, TlsMode tls) {
        boolean implicit = tls == TlsMode.IMPLICIT;
        return switch (protocol) {
            case IMAP -> implicit ? 993 : 143;
            case POP3 -> implicit ? 995 : 110;
        };
    }

    public static ObjectNode write(UpstreamAccount account) {
        UpstreamServer server = account.server();
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("id", account.id().value());
        json.put("user", account.owner().value());
        json.put("protocol", PolicyJson.word(server.protocol()));
        json.put("host", server.host());
        json.put("port", server.port());
        json.put("tls", PolicyJson.word(server.tls()));
        json.put("username", server.username());
        json.put("folder", server.folder());
        json.put("description", server.describe());
        return json;
    }
}
