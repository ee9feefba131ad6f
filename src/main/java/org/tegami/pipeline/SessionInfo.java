package org.tegami.pipeline;

import java.net.InetAddress;

/**
 * What the SMTP session knows about the client, for Received:, authentication checks and logs.
 *
 * @param connectionId short id shared by the session's log lines
 * @param helo the HELO/EHLO argument
 * @param esmtp EHLO (true) or HELO (false)
 * @param tlsDescription "TLSv1.3:TLS_AES_128_GCM_SHA256" or null without TLS
 * @param authUser the authenticated account address, or null
 * @param localHostname our name, as in the greeting
 * @param verifiedName the client's forward-confirmed reverse DNS name, or null when unknown
 */
public record SessionInfo(
        String connectionId,
        Role role,
        InetAddress clientIp,
        String helo,
        boolean esmtp,
        String tlsDescription,
        String authUser,
        String localHostname,
        String verifiedName) {

    public SessionInfo(String connectionId, Role role, InetAddress clientIp, String helo, boolean esmtp,
            String tlsDescription, String authUser, String localHostname) {
        this(connectionId, role, clientIp, helo, esmtp, tlsDescription, authUser, localHostname, null);
    }

    /** The RFC 3848 / RFC 6531 "with" protocol keyword for Received:. */
    public String withProtocol(boolean smtpUtf8) {
        if (!esmtp) {
            return "SMTP";
        }
        String base = smtpUtf8 ? "UTF8SMTP" : "ESMTP";
        return base + (tlsDescription != null ? "S" : "") + (authUser != null ? "A" : "");
    }
}
