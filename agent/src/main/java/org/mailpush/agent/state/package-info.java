/**
 * What the agent keeps between runs, in its state directory: the device token, the last sequence
 * number it acknowledged, and the index of mail ids to Maildir files with the flags the server knows
 * ({@link org.mailpush.agent.state.AgentState}). Files are replaced atomically (write, sync, rename,
 * sync the directory), so a crash leaves the old state or the new one, never a torn one.
 */
package org.mailpush.agent.state;
