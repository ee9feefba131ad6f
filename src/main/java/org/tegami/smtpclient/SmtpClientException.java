package org.tegami.smtpclient;

import org.tegami.smtp.Reply;

/**
 * A session-level failure: the connection, the greeting, EHLO, STARTTLS or AUTH went wrong, so no
 * transaction can run on this connection. {@code reply} is the server's reply when there was one;
 * {@code permanent} says whether retrying elsewhere or later is pointless (a 5xx greeting or AUTH
 * refusal is permanent; timeouts and 4xx are not).
 */
public final class SmtpClientException extends Exception {

    private final Reply reply;
    private final boolean permanent;
    private final boolean tlsFailure;

    public SmtpClientException(String message, Reply reply, boolean permanent, boolean tlsFailure) {
        super(message);
        this.reply = reply;
        this.permanent = permanent;
        this.tlsFailure = tlsFailure;
    }

    public static SmtpClientException transientError(String message) {
        return new SmtpClientException(message, null, false, false);
    }

    public static SmtpClientException fromReply(String stage, Reply reply) {
        return new SmtpClientException(stage + ": " + reply, reply, reply.isPermanent(), false);
    }

    /** The server's reply, or null for network and TLS problems. */
    public Reply reply() {
        return reply;
    }

    public boolean permanent() {
        return permanent;
    }

    /** The TLS handshake failed: an opportunistic sender may retry without TLS (RFC 3207 §4.1). */
    public boolean tlsFailure() {
        return tlsFailure;
    }
}
