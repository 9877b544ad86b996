/**
 * The server under test, in a JVM of its own so that its heap, resident memory and CPU time are its
 * own: {@link org.mailpush.bench.host.ServerHost} runs mailpush, GreenMail or a bare WebSocket echo
 * server and answers {@code STATS} on stdin; {@link org.mailpush.bench.host.HostProcess} starts it
 * from the benchmark and reads its figures.
 */
package org.mailpush.bench.host;
