package org.mailpush.agent.link;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import org.mailpush.policy.Policy;
import org.mailpush.protocol.ServerMessage;
import org.mailpush.protocol.TerminalMessage;

/**
 * Reads or replaces the user's policy over a link that is up (SPEC T6). A replacement is sent as
 * {@code policy.set} followed by {@code policy.get}: the server handles a connection's messages in
 * order, so an {@code error} before the {@code policy} answer means the policy was refused, and the
 * answer is the policy as stored — never mistaken for an older {@code policy} delivery re-sent on
 * connect, which carries a seq.
 */
public final class PolicyExchange {
    /** The server refused the policy; the message names the field. */
    public static final class RefusedPolicyException extends IOException {
        RefusedPolicyException(String message) {
            super(message);
        }
    }

    private record Expected(boolean isSet, CompletableFuture<Policy> answer) {}

    private final Predicate<TerminalMessage> send;
    private final Deque<Expected> expected = new ArrayDeque<>();

    /** @param send sends a message on the link; false when it is down */
    public PolicyExchange(Predicate<TerminalMessage> send) {
        this.send = send;
    }

    public synchronized CompletableFuture<Policy> get() {
        CompletableFuture<Policy> answer = new CompletableFuture<>();
        expected.add(new Expected(false, answer));
        if (!send.test(new TerminalMessage.PolicyGet())) {
            expected.removeLast();
            answer.completeExceptionally(new IOException("not connected to the server"));
        }
        return answer;
    }

    public synchronized CompletableFuture<Policy> set(Policy policy) {
        CompletableFuture<Policy> answer = new CompletableFuture<>();
        expected.add(new Expected(true, answer));
        expected.add(new Expected(false, answer));
        if (!send.test(new TerminalMessage.PolicySet(policy)) || !send.test(new TerminalMessage.PolicyGet())) {
            expected.clear();
            answer.completeExceptionally(new IOException("not connected to the server"));
        }
        return answer;
    }

    /** Feeds a message from the server; returns whether it was an answer this exchange waited for. */
    public synchronized boolean received(ServerMessage message) {
        if (message instanceof ServerMessage.PolicyChanged changed && changed.seq().isEmpty()) {
            Expected next = expected.poll();
            while (next != null && next.isSet()) {
                next = expected.poll();
            }
            if (next != null) {
                next.answer().complete(changed.policy());
            }
            return next != null;
        }
        if (message instanceof ServerMessage.Error error && !expected.isEmpty() && refusesPolicy(error, expected.peek())) {
            Expected failed = expected.poll();
            failed.answer().completeExceptionally(new RefusedPolicyException(error.message()));
            return true;
        }
        return false;
    }

    private static boolean refusesPolicy(ServerMessage.Error error, Expected head) {
        return switch (error.code()) {
            case INVALID_POLICY -> true;
            case TOO_LARGE, TOO_FAST -> head.isSet();
            default -> false;
        };
    }

    /** The link went down: what was asked will not be answered. */
    public synchronized void disconnected() {
        expected.forEach(e -> e.answer().completeExceptionally(new IOException("the connection to the server ended")));
        expected.clear();
    }
}
