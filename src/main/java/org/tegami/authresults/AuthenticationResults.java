package org.tegami.authresults;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.tegami.dkim.DkimResult;
import org.tegami.dmarc.DmarcResult;
import org.tegami.spf.SpfResult;

/**
 * One Authentication-Results header field (RFC 8601): who authenticated, and one result per
 * method run. Built from Tegami's SPF/DKIM/DMARC results with {@link #of}, written with
 * {@link #toValue()} / {@link #toField()}, read back with {@link AuthResultsParser}.
 *
 * @param authservId the authentication service identifier (RFC 8601 §2.5), usually our host name
 * @param version the header version (1 when absent)
 * @param results the results, in order; empty means "none" (RFC 8601 §2.2 no-result)
 */
public record AuthenticationResults(String authservId, int version, List<Result> results) {

    public AuthenticationResults {
        results = List.copyOf(results);
    }

    /**
     * One resinfo (RFC 8601 §2.2).
     *
     * @param method e.g. "spf", "dkim", "dmarc" (lower case)
     * @param result e.g. "pass" (lower case)
     * @param comment a comment written after the result (e.g. "p=reject dis=none"), or null
     * @param reason the reason= value, or null
     */
    public record Result(String method, String result, String comment, String reason, List<Property> properties) {
        public Result {
            properties = List.copyOf(properties);
        }

        /** The value of the first property "type.name", or null. */
        public String property(String type, String name) {
            for (Property p : properties) {
                if (p.type().equalsIgnoreCase(type) && p.name().equalsIgnoreCase(name)) {
                    return p.value();
                }
            }
            return null;
        }
    }

    /** A propspec such as smtp.mailfrom=example.com (RFC 8601 §2.3). */
    public record Property(String type, String name, String value) {}

    /**
     * The results of Tegami's checks of one message.
     *
     * @param spf the MAIL FROM (or HELO) SPF result, or null when not checked
     * @param dkim one result per signature; empty gives dkim=none
     * @param dmarc the DMARC result, or null when not checked
     */
    public static AuthenticationResults of(String authservId, SpfResult spf, List<DkimResult> dkim, DmarcResult dmarc) {
        List<Result> out = new ArrayList<>();
        if (spf != null) {
            out.add(spf(spf));
        }
        if (dkim.isEmpty()) {
            out.add(new Result("dkim", "none", null, null, List.of()));
        }
        for (DkimResult d : dkim) {
            out.add(dkim(d));
        }
        if (dmarc != null) {
            out.add(dmarc(dmarc));
        }
        return new AuthenticationResults(authservId, 1, out);
    }

    /** spf=RESULT smtp.mailfrom=SENDER (or smtp.helo=HELO), RFC 8601 §2.7.2. */
    public static Result spf(SpfResult spf) {
        String value = spf.identity() == SpfResult.Identity.HELO
                ? spf.sender().substring(spf.sender().lastIndexOf('@') + 1) : spf.sender();
        List<Property> props = value == null ? List.of()
                : List.of(new Property("smtp", spf.identity() == SpfResult.Identity.HELO ? "helo" : "mailfrom", value));
        String reason = spf.result() == SpfResult.Result.PASS ? null : spf.reason();
        return new Result("spf", spf.result().keyword(), null, reason, props);
    }

    /** dkim=RESULT header.d= header.s= header.i= header.a= header.b= (RFC 8601 §2.7.1, RFC 6008). */
    public static Result dkim(DkimResult d) {
        List<Property> props = new ArrayList<>();
        if (d.domain() != null) {
            props.add(new Property("header", "d", d.domain()));
        }
        if (d.selector() != null) {
            props.add(new Property("header", "s", d.selector()));
        }
        if (d.auid() != null && !d.auid().startsWith("@")) {
            props.add(new Property("header", "i", d.auid()));
        }
        if (d.algorithm() != null) {
            props.add(new Property("header", "a", d.algorithm().tag()));
        }
        if (d.headerB() != null) {
            props.add(new Property("header", "b", d.headerB()));
        }
        String comment = d.bodyLengthLimited() ? "l= leaves body content unsigned" : d.testing() ? "key in testing mode" : null;
        return new Result("dkim", d.status().keyword(), comment, d.isPass() ? null : d.reason(), props);
    }

    /** dmarc=RESULT (p=POLICY dis=DISPOSITION) header.from=DOMAIN (RFC 7489 §11.2). */
    public static Result dmarc(DmarcResult r) {
        String comment = r.policy() == null ? null
                : "p=" + r.policy().keyword() + " dis=" + r.disposition().keyword()
                        + (r.override() == null ? "" : " override=" + r.override().keyword());
        List<Property> props = r.fromDomain() == null ? List.of() : List.of(new Property("header", "from", r.fromDomain()));
        String reason = r.status() == DmarcResult.Status.PASS ? null : r.reason();
        return new Result("dmarc", r.status().keyword(), comment, reason, props);
    }

    /** The field value, folded one result per line (continuation lines start with a space). */
    public String toValue() {
        StringBuilder sb = new StringBuilder(token(authservId));
        if (results.isEmpty()) {
            return sb.append("; none").toString();
        }
        for (Result r : results) {
            // Folded with CRLF + one space: unfolding (RFC 5322 §2.2.3) gives "id; spf=pass ...; dkim=...".
            sb.append(";\r\n ").append(r.method()).append('=').append(r.result());
            if (r.comment() != null) {
                sb.append(" (").append(commentText(r.comment())).append(')');
            }
            if (r.reason() != null) {
                sb.append(" reason=").append(quoted(r.reason()));
            }
            for (Property p : r.properties()) {
                sb.append(' ').append(p.type()).append('.').append(p.name()).append('=').append(pvalue(p.value()));
            }
        }
        return sb.toString();
    }

    /** "Authentication-Results: VALUE\r\n", ready to prepend. */
    public String toField() {
        return "Authentication-Results: " + toValue() + "\r\n";
    }

    /** A result for a method, or null (e.g. "dmarc"). */
    public Result first(String method) {
        for (Result r : results) {
            if (r.method().equalsIgnoreCase(method)) {
                return r;
            }
        }
        return null;
    }

    /** A token as is, anything else as a quoted-string (RFC 8601 §2.2 value, RFC 2045 token). */
    static String token(String v) {
        return isToken(v) ? v : quoted(v);
    }

    private static boolean isToken(String v) {
        return !v.isEmpty() && v.chars().allMatch(c -> c > 0x20 && c < 0x7f && "()<>@,;:\\\"/[]?=".indexOf(c) < 0);
    }

    /**
     * A property value: a token, or [local-part] "@" domain written bare when both sides are
     * plain (RFC 8601 §2.2 pvalue), else a quoted-string.
     */
    static String pvalue(String v) {
        int at = v.lastIndexOf('@');
        if (isToken(v) || (at >= 0 && (at == 0 || isToken(v.substring(0, at))) && isToken(v.substring(at + 1)))) {
            return v;
        }
        return quoted(v);
    }

    static String quoted(String v) {
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '\r' || c == '\n') {
                sb.append(' ');
            } else {
                if (c == '"' || c == '\\') {
                    sb.append('\\');
                }
                sb.append(c);
            }
        }
        return sb.append('"').toString();
    }

    private static String commentText(String c) {
        return c.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)").replace('\r', ' ').replace('\n', ' ');
    }

    /** Lower-case helper for parsers. */
    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
