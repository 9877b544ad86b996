/**
 * SMS and WAP Push: push notices to phones as short messages through a carrier's SMSC over SMPP 3.4,
 * with jSMPP for the session (bind, enquire_link, the PDUs) and this package for what goes in them.
 *
 * <ul>
 *   <li>3GPP TS 23.038: the GSM 7-bit default alphabet and its extension table ({@code Gsm7}), else
 *       UCS-2; TS 23.040: the user data header, concatenation and port addressing
 *       ({@code UserDataHeader}, {@code TextSms}).</li>
 *   <li>WAP-167 Service Indication in WBXML 1.2 (WAP-192) ({@code ServiceIndication}), in a
 *       connectionless WSP Push PDU (WAP-230) to port 2948 (WAP-259) ({@code WapPush}).</li>
 *   <li>SMPP 3.4: submit_sm, what its command_status means ({@code SubmitStatus}), the window and
 *       rate ({@code Throttle}), the session kept bound ({@code SmscSession}).</li>
 * </ul>
 *
 * <p>Why jSMPP: the session layer — binding, sequence numbers, enquire_link, response timeouts — is
 * where a hand-written client goes wrong, and jSMPP has no runtime dependencies beyond SLF4J. The
 * encodings are ours: small, pure, and tested octet for octet against the specifications.
 */
package org.mailpush.push.smpp;
