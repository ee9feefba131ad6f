package org.tegami.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
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
     * The authentication summary for a message.
     *
     * <p>MERGE POINT (SPF/DKIM/DMARC integration): when the authentication stage records an
     * {@code org.tegami.pipeline.MessageAuthentication} fact, use it first, e.g.
     * {@code MessageAuthentication a = m.get(MessageAuthentication.class); if (a != null) return
     * new AuthSummary(spf, spfDomain, dkim, dkimPassingDomains, dmarc, dmarcDomain, policy)} built
     * from its typed results, and keep the header route below as the fallback.
     */
    public static AuthSummary summary(InboundMessage m) {
        return fromOwnHeaders(m);
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
