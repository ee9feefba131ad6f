package org.tegami.smtp;

/** A command line that cannot be parsed; carries the reply the server should send. */
public final class SmtpSyntaxException extends Exception {
    private final Reply reply;

    public SmtpSyntaxException(Reply reply) {
        super(reply.text());
        this.reply = reply;
    }

    public Reply reply() {
        return reply;
    }
}
