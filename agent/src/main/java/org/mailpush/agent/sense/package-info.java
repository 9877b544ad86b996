/**
 * Sensing (SPEC T1, T2, T5, X7): pluggable sensors that say when the user last gave input (logind's
 * idle hint, {@code xprintidle}, input device interrupts), whether a proximity script sees the user,
 * what a body-contact thermometer reads, where the machine is, and whether it is going to sleep or
 * waking (logind's {@code PrepareForSleep}). {@link org.mailpush.agent.sense.Sensing} puts their
 * readings into one usage report; {@link org.mailpush.agent.sense.ReportTrigger} decides which
 * changes are worth a report, so that the agent reports on change and at the server's heartbeat, not
 * on a short timer. Every sensor reads from an injectable file or command, so tests use fixtures.
 */
package org.mailpush.agent.sense;
