package org.tegami.threat;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What SPF, DKIM and DMARC said about a message, in a neutral form the threat package can use
 * without depending on the spf/dkim/dmarc packages. The pipeline fills it from its own results;
 * offline analysis parses Authentication-Results headers. Anything not known is
 * {@link Result#UNKNOWN}, which the detectors treat as "no evidence" — never as a failure.
 *
 * @param spf SPF result for the MAIL FROM (or HELO) identity
 * @param spfDomain domain SPF evaluated (smtp.mailfrom), or null
 * @param dkim overall DKIM result: PASS if any signature passed
 * @param dkimPassingDomains d= domains of passing DKIM signatures, lower case
 * @param dmarc DMARC result for the From domain
 * @param dmarcDomain the RFC5322.From domain DMARC evaluated (header.from), or null
 * @param dmarcPolicy the published policy of that domain
 */
public record AuthSummary(
        Result spf,
        String spfDomain,
        Result dkim,
        Set<String> dkimPassingDomains,
        Result dmarc,
        String dmarcDomain,
        Policy dmarcPolicy) {

    /** Result of one authentication method (RFC 8601 §2.7 vocabulary, plus UNKNOWN). */
    public enum Result {
        PASS, FAIL, SOFTFAIL, NEUTRAL, NONE, POLICY, TEMPERROR, PERMERROR, UNKNOWN;

        static Result parse(String s) {
            return switch (s.toLowerCase(Locale.ROOT)) {
                case "pass" -> PASS;
                case "fail", "hardfail" -> FAIL;
                case "softfail" -> SOFTFAIL;
                case "neutral" -> NEUTRAL;
                case "none" -> NONE;
                case "policy" -> POLICY;
                case "temperror" -> TEMPERROR;
                case "permerror" -> PERMERROR;
                default -> UNKNOWN;
            };
        }

        /** A definite negative outcome (not merely absent or unknown). */
        public boolean failed() {
            return this == FAIL || this == SOFTFAIL || this == PERMERROR;
        }
    }

    /** Published DMARC policy (p=). */
    public enum Policy {
        NONE, QUARANTINE, REJECT, UNKNOWN
    }

    public static final AuthSummary UNKNOWN =
            new AuthSummary(Result.UNKNOWN, null, Result.UNKNOWN, Set.of(), Result.UNKNOWN, null, Policy.UNKNOWN);

    public AuthSummary {
        spf = spf == null ? Result.UNKNOWN : spf;
        dkim = dkim == null ? Result.UNKNOWN : dkim;
        dmarc = dmarc == null ? Result.UNKNOWN : dmarc;
        dmarcPolicy = dmarcPolicy == null ? Policy.UNKNOWN : dmarcPolicy;
        dkimPassingDomains = dkimPassingDomains == null ? Set.of() : Set.copyOf(dkimPassingDomains);
        spfDomain = lower(spfDomain);
        dmarcDomain = lower(dmarcDomain);
    }

    /** The short form the brief describes: SPF, DKIM passing domains, DMARC and its policy. */
    public static AuthSummary of(Result spf, Set<String> dkimPassingDomains, Result dmarc, Policy dmarcPolicy) {
        Result dkim = dkimPassingDomains == null || dkimPassingDomains.isEmpty() ? Result.UNKNOWN : Result.PASS;
        return new AuthSummary(spf, null, dkim, dkimPassingDomains, dmarc, null, dmarcPolicy);
    }

    /** True if nothing at all is known (no Authentication-Results, or the pipeline did not run). */
    public boolean isUnknown() {
        return spf == Result.UNKNOWN && dkim == Result.UNKNOWN && dmarc == Result.UNKNOWN;
    }

    /**
     * True if there is positive evidence that the From domain is authentic: DMARC pass, or a
     * passing DKIM signature aligned with it (same organizational domain), or aligned SPF pass.
     */
    public boolean authenticates(String fromDomain) {
        if (fromDomain == null) {
            return false;
        }
        String org = Domains.registrable(fromDomain);
        if (dmarc == Result.PASS && (dmarcDomain == null || Domains.registrable(dmarcDomain).equals(org))) {
            return true;
        }
        for (String d : dkimPassingDomains) {
            if (Domains.registrable(d).equals(org)) {
                return true;
            }
        }
        return spf == Result.PASS && spfDomain != null && Domains.registrable(spfDomain).equals(org);
    }

    /**
     * True if there is positive evidence that the From domain is NOT authentic: DMARC failed for
     * it, or (no DMARC verdict) SPF failed for it and no aligned DKIM signature passed.
     */
    public boolean contradicts(String fromDomain) {
        if (fromDomain == null || authenticates(fromDomain)) {
            return false;
        }
        String org = Domains.registrable(fromDomain);
        if (dmarc == Result.FAIL) {
            return dmarcDomain == null || Domains.registrable(dmarcDomain).equals(org);
        }
        if (dmarc == Result.UNKNOWN || dmarc == Result.NONE) {
            return spf.failed() && spfDomain != null && Domains.registrable(spfDomain).equals(org)
                    && dkim != Result.PASS;
        }
        return false;
    }

    /** Parses Authentication-Results values trusting every authserv-id; see the overload. */
    public static AuthSummary fromAuthenticationResults(List<String> headerValues) {
        return fromAuthenticationResults(headerValues, Set.of());
    }

    /**
     * Builds a summary from Authentication-Results header values (RFC 8601), topmost first. Only
     * headers whose authserv-id is in {@code trustedAuthservIds} count (empty set: all count —
     * for offline analysis of a file). For each method the first (topmost, i.e. most recently
     * added) result wins. Missing methods stay UNKNOWN; no header at all gives {@link #UNKNOWN}.
     * Never throws on malformed values.
     */
    public static AuthSummary fromAuthenticationResults(List<String> headerValues, Set<String> trustedAuthservIds) {
        if (headerValues == null || headerValues.isEmpty()) {
            return UNKNOWN;
        }
        Builder b = new Builder();
        for (String value : headerValues) {
            if (value == null) {
                continue;
            }
            String v = value.length() > 16_384 ? value.substring(0, 16_384) : value;
            List<String> parts = AuthResultsLexer.splitResinfo(v);
            if (parts.isEmpty()) {
                continue;
            }
            String authserv = AuthResultsLexer.firstToken(parts.get(0)).toLowerCase(Locale.ROOT);
            if (!trustedAuthservIds.isEmpty() && !trustedAuthservIds.contains(authserv)) {
                continue;
            }
            for (int i = 1; i < parts.size(); i++) {
                b.add(parts.get(i));
            }
        }
        return b.build();
    }

    private static String lower(String s) {
        return s == null || s.isBlank() ? null : s.strip().toLowerCase(Locale.ROOT);
    }

    /** Accumulates resinfo clauses; the first result per method wins. */
    private static final class Builder {
        Result spf = Result.UNKNOWN;
        String spfDomain;
        Result dkim = Result.UNKNOWN;
        final Set<String> dkimPass = new LinkedHashSet<>();
        boolean dkimSeen;
        Result dmarc = Result.UNKNOWN;
        String dmarcDomain;
        Policy policy = Policy.UNKNOWN;

        void add(String resinfo) {
            AuthResultsLexer.Resinfo r = AuthResultsLexer.parseResinfo(resinfo);
            if (r == null) {
                return;
            }
            switch (r.method()) {
                case "spf" -> {
                    if (spf == Result.UNKNOWN) {
                        spf = Result.parse(r.result());
                        spfDomain = domainOf(r.prop("smtp.mailfrom"), r.prop("smtp.helo"));
                    }
                }
                case "dkim" -> addDkim(r);
                case "dmarc" -> {
                    if (dmarc == Result.UNKNOWN) {
                        dmarc = Result.parse(r.result());
                        dmarcDomain = domainOf(r.prop("header.from"), null);
                        policy = parsePolicy(r.prop("policy.dmarc"), r.comment());
                    }
                }
                default -> {}
            }
        }

        private void addDkim(AuthResultsLexer.Resinfo r) {
            Result res = Result.parse(r.result());
            String d = domainOf(r.prop("header.d"), r.prop("header.i"));
            if (res == Result.PASS) {
                if (d != null) {
                    dkimPass.add(d);
                }
                dkim = Result.PASS;
            } else if (!dkimSeen || dkim == Result.UNKNOWN) {
                dkim = dkim == Result.PASS ? Result.PASS : res;
            }
            dkimSeen = true;
        }

        AuthSummary build() {
            return new AuthSummary(spf, spfDomain, dkim, dkimPass, dmarc, dmarcDomain, policy);
        }

        private static String domainOf(String v, String fallback) {
            String s = v != null ? v : fallback;
            if (s == null) {
                return null;
            }
            int at = s.lastIndexOf('@');
            s = at >= 0 ? s.substring(at + 1) : s;
            s = s.replaceAll("[<>\"]", "").strip();
            return s.isEmpty() ? null : s;
        }

        private static Policy parsePolicy(String prop, String comment) {
            String p = prop;
            if (p == null && comment != null) {
                String c = comment.toLowerCase(Locale.ROOT);
                int i = c.indexOf("p=");
                while (i > 0 && Character.isLetter(c.charAt(i - 1))) {
                    i = c.indexOf("p=", i + 2);
                }
                if (i >= 0) {
                    int j = i + 2;
                    while (j < c.length() && Character.isLetter(c.charAt(j))) {
                        j++;
                    }
                    p = c.substring(i + 2, j);
                }
            }
            if (p == null) {
                return Policy.UNKNOWN;
            }
            return switch (p.toLowerCase(Locale.ROOT)) {
                case "none" -> Policy.NONE;
                case "quarantine" -> Policy.QUARANTINE;
                case "reject" -> Policy.REJECT;
                default -> Policy.UNKNOWN;
            };
        }
    }
}
