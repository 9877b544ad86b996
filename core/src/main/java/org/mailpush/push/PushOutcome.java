package org.mailpush.push;

/** What became of a message sent to a push channel. */
public sealed interface PushOutcome {
    /** The push service took it (201): it reaches the terminal when the terminal can be reached. */
    record Delivered() implements PushOutcome {}

    /** The channel is no more (404, 410): the terminal unsubscribed or the subscription expired. */
    record Gone(String reason) implements PushOutcome {}

    /** The payload is too large for the push service (413); a smaller one may pass. */
    record TooLarge(String reason) implements PushOutcome {}

    /** It did not get through, after the retries the transport makes; the reason is the transport's. */
    record Failed(String reason) implements PushOutcome {}
}
