/**
 * Connection capacity: how many idle terminals one mailpush server holds, the heap and resident
 * memory each costs, and the CPU it takes to keep them — with nothing happening, and with every
 * terminal reporting at the heartbeat interval.
 */
package org.mailpush.bench.capacity;
