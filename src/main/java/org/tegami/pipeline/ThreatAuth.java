package org.tegami.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.tegami.dkim.DkimResult;
import org.tegami.threat.AuthSummary;

/**
 * Where the threat check gets SPF/DKIM/DMARC results: the adapter between the authentication
 * stage and {@link AuthSummary}. Only results this server produced for this message count: the
 * Authentication-Results fields that our own stages prepended in this transaction, with our
 * hostname as authserv-id (RFC 8601 §5). Fields inside the received content came from outside
 * and are never trusted here. No result at all means {@link AuthSummary#UNKNOWN}, which no
 * detector treats as a failure.
 */
public final class ThreatAuth {

    private ThreatAuth() {}

    /**
     * The authentication summary for a message: the typed results the SPF/DKIM/DMARC stages
     * recorded ({@link MessageAuthentication}), else our own Authentication-Results fields.
     */
    public static AuthSummary summary(InboundMessage m) {
        MessageAuthentication a = m.get(MessageAuthentication.class);
        if (a != null && !a.isSubmission()) {
            return fromResults(a);
        }
        return fromOwnHeaders(m);
    }

    /** Maps the typed SPF/DKIM/DMARC results onto the threat package's neutral summary. */
    static AuthSummary fromResults(MessageAuthentication a) {
        AuthSummary.Result spf = a.spf() == null ? AuthSummary.Result.UNKNOWN
                : AuthSummary.Result.valueOf(a.spf().result().name());
        Set<String> dkimPass = new java.util.HashSet<>();
        AuthSummary.Result dkim = a.dkim().isEmpty() ? AuthSummary.Result.NONE : AuthSummary.Result.FAIL;
        for (DkimResult r : a.dkim()) {
            if (r.status() == DkimResult.Status.PASS && r.domain() != null) {
                dkimPass.add(r.domain().toLowerCase(Locale.ROOT));
                dkim = AuthSummary.Result.PASS;
            }
        }
        AuthSummary.Result dmarc = AuthSummary.Result.UNKNOWN;
        AuthSummary.Policy policy = AuthSummary.Policy.UNKNOWN;
        String dmarcDomain = null;
        if (a.dmarc() != null) {
            dmarc = AuthSummary.Result.valueOf(a.dmarc().status().name());
            dmarcDomain = a.dmarc().fromDomain();
            if (a.dmarc().policy() != null) {
                policy = AuthSummary.Policy.valueOf(a.dmarc().policy().name());
            }
        }
        return new AuthSummary(spf, a.spf() == null ? null : a.spf().domain(), dkim, dkimPass, dmarc, dmarcDomain, policy);
    }

    /** Authentication-Results fields our stages prepended, with our hostname as authserv-id. */
    static AuthSummary fromOwnHeaders(InboundMessage m) {
        List<String> values = new ArrayList<>();
        for (String field : m.prependedHeaders()) {
            int colon = field.indexOf(':');
            if (colon > 0 && field.substring(0, colon).strip().equalsIgnoreCase("Authentication-Results")) {
                values.add(field.substring(colon + 1).replace("\r\n", "").replace("\n", "").strip());
            }
        }
        if (values.isEmpty()) {
            return AuthSummary.UNKNOWN;
        }
        String host = m.session().localHostname();
        return AuthSummary.fromAuthenticationResults(values, Set.of(host == null ? "" : host.toLowerCase(Locale.ROOT)));
    }
}
