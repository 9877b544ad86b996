/**
 * The demo ({@code ./mailpush demo}): simulated terminals that speak the terminal link over a real
 * WebSocket and change how they are used as the scenes of a day go by, and a sender that mails the
 * demo user over real SMTP — so that a newcomer watches devices, decisions and their reasons live.
 */
package org.mailpush.demo;
