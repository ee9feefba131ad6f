package org.tegami.pipeline;

import org.tegami.smtp.Reply;

/** How a transaction ended, as the SMTP reply to DATA/BDAT, plus a short word for the log. */
public record Outcome(Reply reply, String logResult) {

    public static Outcome accepted(String id, String what) {
        return new Outcome(new Reply(250, "2.0.0", "OK " + id + " " + what), "accepted");
    }

    public static Outcome rejected(int code, String enhanced, String text) {
        return new Outcome(new Reply(code, enhanced, text), code >= 500 ? "rejected" : "deferred");
    }

    public boolean accepted() {
        return reply.isPositive();
    }
}
