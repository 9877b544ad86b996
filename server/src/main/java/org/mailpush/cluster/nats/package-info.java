/**
 * The nodes of a cluster, to one another (docs/cluster.md): routing claims and the directory of
 * terminals in the shared PostgreSQL store, and signals between nodes over NATS (Debian's
 * {@code nats-server}, the {@code jnats} client) — never a cluster protocol of our own. A signal is a
 * hint that saves waiting for the next sweep; none carries anything that is not in the store.
 */
package org.mailpush.cluster.nats;
