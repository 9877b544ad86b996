/**
 * The agent's configuration: one properties file plus command-line flags ({@link
 * org.mailpush.agent.config.AgentSettings}), read once at start-up into a typed record tree ({@link
 * org.mailpush.agent.config.AgentConfig}). A bad value or an unknown key fails naming the key;
 * {@code docs/agent.md} lists every key.
 */
package org.mailpush.agent.config;
