/**
 * Running the small external programs the agent leans on — {@code loginctl}, {@code xprintidle},
 * {@code notify-send}, {@code gdbus}, the user's own sensor scripts — with a time limit, without a
 * shell, and turning their failure into an empty result in one place.
 */
package org.mailpush.agent.command;
