/**
 * The {@code mailpush agent} command line (picocli): {@code run}, {@code enrol}, {@code policy set}
 * / {@code policy show} and {@code status}. The repository's {@code ./mailpush} launcher runs it for
 * {@code ./mailpush agent …}.
 */
package org.mailpush.agent.cli;
