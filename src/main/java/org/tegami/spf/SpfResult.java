package org.tegami.spf;

import java.util.Locale;

/**
 * The outcome of one SPF check (RFC 7208 §2.6), with the evidence a receiver records in
 * Authentication-Results / Received-SPF and shows to people.
 *
 * @param result the RFC 7208 §2.6 result
 * @param identity which identity was checked (MAIL FROM or HELO, RFC 7208 §2.3/§2.4)
 * @param sender the checked identity as "local@domain" (postmaster@helo for HELO and null senders)
 * @param domain the domain whose policy was evaluated first (the &lt;domain&gt; of check_host()),
 *     or null when the identity had no usable domain
 * @param mechanism the term that decided the result as written in the record (e.g. "-all",
 *     "ip4:192.0.2.0/24", "include:_spf.example.com"), or null (default result, errors, none)
 * @param explanation for {@link Result#FAIL} only: the text produced from the record's exp=
 *     modifier (RFC 7208 §6.2), or null when there was none or it could not be used
 * @param reason one human-readable sentence saying why
 */
public record SpfResult(
        Result result,
        Identity identity,
        String sender,
        String domain,
        String mechanism,
        String explanation,
        String reason) {

    /** RFC 7208 §2.6 results. */
    public enum Result {
        NONE, NEUTRAL, PASS, FAIL, SOFTFAIL, TEMPERROR, PERMERROR;

        /** The lower-case keyword used in Authentication-Results and Received-SPF. */
        public String keyword() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** Parses a keyword (case-insensitive); null when unknown. */
        public static Result fromKeyword(String s) {
            for (Result r : values()) {
                if (r.name().equalsIgnoreCase(s == null ? "" : s.strip())) {
                    return r;
                }
            }
            return null;
        }
    }

    /** The identity that was authorised (RFC 7208 §2.3, §2.4). */
    public enum Identity {
        MAILFROM, HELO;

        /** The Authentication-Results property (RFC 8601 §2.7.2): smtp.mailfrom or smtp.helo. */
        public String property() {
            return this == MAILFROM ? "smtp.mailfrom" : "smtp.helo";
        }
    }

    /** The text to give in an SMTP rejection: the exp= explanation, or a default (RFC 7208 §6.2). */
    public String explanationOrDefault() {
        if (explanation != null) {
            return explanation;
        }
        return sender == null ? "SPF check failed" : "SPF fail: " + sender + " is not authorized to use this host";
    }
}
