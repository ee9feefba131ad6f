package org.tegami.smtpclient;

import java.util.List;

/**
 * One transaction to send: envelope, DSN parameters and the bytes (CRLF line ends, not yet
 * dot-stuffed).
 *
 * @param sender reverse-path, "" for the null sender (bounces)
 * @param envid RFC 3461 ENVID (decoded), or null
 * @param ret "FULL" / "HDRS", or null
 * @param eightBit the content has 8-bit bytes (BODY=8BITMIME, RFC 6152)
 * @param smtpUtf8 an address or header needs SMTPUTF8 (RFC 6531)
 */
public record OutboundMessage(String sender, List<Rcpt> recipients, String envid, String ret, boolean eightBit,
        boolean smtpUtf8, byte[] content) {

    public OutboundMessage {
        recipients = List.copyOf(recipients);
    }

    /**
     * @param notifyParam RFC 3461 NOTIFY as given, or null
     * @param orcpt RFC 3461 ORCPT as given ("rfc822;xtext"), or null
     */
    public record Rcpt(String address, String notifyParam, String orcpt) {}
}
