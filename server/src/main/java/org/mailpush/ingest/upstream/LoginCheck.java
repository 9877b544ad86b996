package org.mailpush.ingest.upstream;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Folder;
import jakarta.mail.FolderNotFoundException;
import jakarta.mail.MessagingException;
import jakarta.mail.Store;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;
import org.mailpush.upstream.UpstreamServer;

/**
 * Tries an upstream mailbox once, as a user asks on the Accounts page: the same {@link UpstreamGuard}
 * checks as adding the account and as every watcher connection, a login, opening the folder, logging
 * out, all within a bounded time. The answer is in plain words and never holds the account's secret.
 */
public final class LoginCheck {
    /** The longest a check takes: a user is waiting for it. */
    public static final Duration DEADLINE = Duration.ofSeconds(20);
    private static final Duration STEP_TIMEOUT = Duration.ofSeconds(10);

    /** How a check went: {@code ok}, and what happened in one sentence. */
    public record Result(boolean ok, String message) {
        public Result {
            Objects.requireNonNull(message, "message");
        }
    }

    private final UpstreamSettings settings;
    private final Duration deadline;

    public LoginCheck(UpstreamSettings settings) {
        this(settings, DEADLINE);
    }

    LoginCheck(UpstreamSettings settings, Duration deadline) {
        // A watcher may wait long for a slow server; a person waiting for an answer may not.
        this.settings = new UpstreamSettings(settings.idleRenewal(), settings.pollInterval(), settings.backoffInitial(),
                settings.backoffMax(), shorter(settings.connectTimeout()), shorter(settings.readTimeout()),
                settings.allowPrivateAddresses(), settings.maxAttempts(), settings.giveUpAfter(), settings.maxMessageBytes());
        this.deadline = Objects.requireNonNull(deadline, "deadline");
    }

    private static Duration shorter(Duration timeout) {
        return timeout.compareTo(STEP_TIMEOUT) < 0 ? timeout : STEP_TIMEOUT;
    }

    /**
     * Logs in to the server and opens its folder.
     *
     * @param plaintextConfirmed the user confirmed a login in clear text to a host beyond the local network
     */
    public Result check(UpstreamServer server, boolean plaintextConfirmed) {
        Optional<String> refused = new UpstreamGuard(settings.allowPrivateAddresses()).refusal(server, plaintextConfirmed);
        if (refused.isPresent()) {
            return new Result(false, "Not tried: " + refused.get() + ".");
        }
        var attempt = new FutureTask<>(() -> login(server));
        Thread thread = Thread.ofVirtual().name("upstream-check").start(attempt);
        try {
            return attempt.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            thread.interrupt();
            return new Result(false, "No answer from " + server.host() + ":" + server.port() + " within "
                    + deadline.toSeconds() + " s.");
        } catch (ExecutionException e) {
            return new Result(false, blotted(server, words(server, e.getCause())));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(false, "The check was stopped.");
        }
    }

    private Result login(UpstreamServer server) throws MessagingException {
        Store store = JakartaMail.connect(server, settings);
        try {
            Folder folder = store.getFolder(server.folder());
            folder.open(Folder.READ_ONLY);
            try {
                int count = folder.getMessageCount();
                return new Result(true, "Logged in to " + server.host() + " as " + server.username() + "; "
                        + server.folder() + " holds " + count + (count == 1 ? " mail." : " mails."));
            } finally {
                JakartaMail.closeQuietly(folder);
            }
        } finally {
            JakartaMail.closeQuietly(store);
        }
    }

    /** The failure as a user reads it: what went wrong, not the exception's class. */
    static String words(UpstreamServer server, Throwable failure) {
        String where = server.host() + ":" + server.port();
        if (failure instanceof AuthenticationFailedException && !"EOF on socket".equals(failure.getMessage())) {
            return "The server refused the user name or password" + detail(failure) + ".";
        }
        if (failure instanceof FolderNotFoundException) {
            return "Logged in, but there is no folder '" + server.folder() + "' in this mailbox.";
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof UnknownHostException) {
                return "No such host: " + server.host() + " does not resolve.";
            }
            if (cause instanceof ConnectException) {
                return "Nothing answers at " + where + " (connection refused).";
            }
            if (cause instanceof SocketTimeoutException) {
                return "No answer from " + where + " in time.";
            }
            if (cause instanceof SSLException) {
                return "TLS with " + where + " failed" + detail(cause)
                        + "; check the port and the TLS mode (implicit, starttls or none).";
            }
            if (cause instanceof UpstreamGuard.RefusedAddressException) {
                return "Not tried: " + cause.getMessage() + ".";
            }
        }
        return "Failed at " + where + detail(failure) + ".";
    }

    private static String detail(Throwable failure) {
        String message = failure.getMessage();
        return message == null || message.isBlank() ? "" : ": " + message.strip().replaceAll("[\\r\\n]+", " ");
    }

    private static String blotted(UpstreamServer server, String text) {
        String secret = server.password().value();
        return secret.isEmpty() ? text : text.replace(secret, "******");
    }
}
