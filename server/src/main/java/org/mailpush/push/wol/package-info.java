/**
 * Wake-on-LAN (SPEC M6): the magic packet that wakes a sleeping or switched-off machine through its
 * network card — six octets of {@code 0xFF}, then the card's MAC address sixteen times, 102 octets —
 * sent by UDP to a broadcast address ({@link org.mailpush.push.wol.MagicPacketWaker}). AMD's "Magic
 * Packet Technology" white paper (1995) defines it; the UDP port (9, "discard", by custom) matters
 * only to the routers on the way, as the card looks for the pattern anywhere in a frame.
 *
 * <p>A magic packet is not routed beyond the local network unless a router forwards directed
 * broadcasts; the server must sit on the machine's network, or the broadcast address be that
 * network's directed broadcast with forwarding allowed. See docs/transports.md, "Wake-on-LAN".
 */
package org.mailpush.push.wol;
