package org.tegami.policy;

/**
 * What the connection policy says about a client, with the reason that goes into the reply and the
 * log. {@code code}/{@code enhanced} follow RFC 5321/3463 (554 5.7.1 refusals, 421 4.7.0 limits).
 */
public record Decision(Kind kind, int code, String enhanced, String reason, String check) {

    public enum Kind { ALLOW, REFUSE, TEMPFAIL }

    public static final Decision ALLOW = new Decision(Kind.ALLOW, 0, null, null, null);

    public static Decision refuse(String check, String reason) {
        return new Decision(Kind.REFUSE, 554, "5.7.1", reason, check);
    }

    public static Decision tempfail(String check, String reason) {
        return new Decision(Kind.TEMPFAIL, 421, "4.7.0", reason, check);
    }

    public boolean allowed() {
        return kind == Kind.ALLOW;
    }
}
