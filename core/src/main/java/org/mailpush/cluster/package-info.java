/**
 * Several nodes as one service (docs/cluster.md): which node routes a stored mail
 * ({@link org.mailpush.cluster.RoutingClaims}) and which node holds a terminal's link
 * ({@link org.mailpush.cluster.TerminalDirectory}). Both are leases kept in the shared store, so
 * that a node that dies leaves its work and its terminals to the others once its leases run out,
 * with nothing for correctness held only in one node's memory. A single node needs neither.
 */
package org.mailpush.cluster;
