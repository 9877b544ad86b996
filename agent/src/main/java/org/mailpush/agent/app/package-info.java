/**
 * The agent assembled: {@link org.mailpush.agent.app.Agent} wires the link, the inbox, the Maildir
 * watcher, the sensors and the control socket from one {@link org.mailpush.agent.config.AgentConfig},
 * in one place, and runs them on two threads of its own — one for the inbox, one for sensing — so
 * that no state is shared between threads.
 */
package org.mailpush.agent.app;
