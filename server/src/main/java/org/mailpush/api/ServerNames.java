package org.mailpush.api;

import io.javalin.http.HttpStatus;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * In front of every route — API, pages, the terminal link — the answer to DNS rebinding: a request
 * must be addressed ({@code Host}) to one of the server's names, or it is refused with {@code 421}.
 * A page of a foreign site whose name was made to resolve to this server sends its own name as
 * {@code Host}, and so is refused before its same-origin requests reach anything.
 * Also marks every answer {@code X-Content-Type-Options: nosniff}, and every API answer
 * {@code Cache-Control: no-store}: what the API answers is one user's and never goes into a cache.
 */
final class ServerNames extends Handler.Wrapper {
    private final Set<String> names;

    ServerNames(Set<String> names, Handler next) {
        super(next);
        this.names = Set.copyOf(names);
    }

    /**
     * The names of {@code settings}, or by default: the address the server listens on — every
     * address of this machine, and its name, when it listens on all — and {@code localhost},
     * {@code 127.0.0.1} and {@code ::1}.
     */
    static Set<String> of(HttpSettings settings) {
        Set<String> names = new TreeSet<>();
        if (!settings.serverNames().isEmpty()) {
            settings.serverNames().forEach(name -> names.add(normal(name)));
            return names;
        }
        names.addAll(List.of("localhost", "127.0.0.1", "::1"));
        String host = normal(settings.host());
        if (!host.equals("0.0.0.0") && !host.equals("::")) {
            names.add(host);
            return names;
        }
        try {
            for (NetworkInterface face : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                for (InetAddress address : Collections.list(face.getInetAddresses())) {
                    names.add(normal(address instanceof Inet6Address six ? strip(six.getHostAddress()) : address.getHostAddress()));
                }
            }
        } catch (SocketException e) {
            // No interfaces to list: the loopback names remain.
        }
        try {
            InetAddress local = InetAddress.getLocalHost();
            names.add(normal(local.getHostName()));
            names.add(normal(local.getCanonicalHostName()));
        } catch (UnknownHostException e) {
            // A machine without a resolvable name of its own.
        }
        return names;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        response.getHeaders().put("X-Content-Type-Options", "nosniff");
        if (Request.getPathInContext(request).startsWith("/api/")) {
            response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        }
        String host = request.getHttpURI().getHost();
        if (request.getHeaders().get(HttpHeader.HOST) != null && host != null && !names.contains(normal(host))) {
            response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
            ApiServer.refuse(response, callback, HttpStatus.MISDIRECTED_REQUEST, "this server does not answer to the name '"
                    + host + "'; http.server-names lists the names it answers to");
            return true;
        }
        return super.handle(request, response, callback);
    }

    /** A name as compared: lower case, without IPv6 brackets, a zone or a final dot. */
    private static String normal(String name) {
        String normal = strip(name.strip().toLowerCase(Locale.ROOT));
        if (normal.startsWith("[") && normal.endsWith("]")) {
            normal = normal.substring(1, normal.length() - 1);
        }
        return normal.endsWith(".") ? normal.substring(0, normal.length() - 1) : normal;
    }

    private static String strip(String address) {
        int zone = address.indexOf('%');
        return zone < 0 ? address : address.substring(0, zone);
    }
}
