/**
 * The running agent's control socket: a Unix domain socket in the state directory through which
 * {@code agent status} and {@code agent policy} talk to the agent that holds the link — one JSON
 * line asked, one answered — instead of opening a second connection that would replace the
 * agent's. Its presence also keeps a second agent from running on the same state.
 */
package org.mailpush.agent.control;
