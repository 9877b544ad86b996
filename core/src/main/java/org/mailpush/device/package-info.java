/** Terminals: their identity, type, capabilities (what they can show) and addresses (how to reach them). */
package org.mailpush.device;
