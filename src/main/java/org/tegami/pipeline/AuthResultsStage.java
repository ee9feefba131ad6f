package org.tegami.pipeline;

import java.util.ArrayList;
import java.util.List;
import org.tegami.authresults.AuthenticationResults;
import org.tegami.dkim.DkimResult;
import org.tegami.spf.ReceivedSpf;

/**
 * Prepends our Authentication-Results field (RFC 8601) to every message from the outside: the SPF
 * result for MAIL FROM, one dkim= per signature (dkim=none when unsigned), dmarc= with the policy
 * and the disposition applied ("p=reject dis=none"), then the SPF result for HELO (RFC 8601
 * §2.7.2 smtp.helo). With {@code receivedSpf}, a Received-SPF field (RFC 7208 §9.1) too.
 */
public final class AuthResultsStage implements Stage {

    private final String authservId;
    private final boolean receivedSpf;

    public AuthResultsStage(String authservId, boolean receivedSpf) {
        this.authservId = authservId;
        this.receivedSpf = receivedSpf;
    }

    @Override
    public String name() {
        return "auth-results";
    }

    @Override
    public Outcome apply(InboundMessage m) {
        if (!SpfStage.checked(m)) {
            return null;
        }
        MessageAuthentication a = m.get(MessageAuthentication.class);
        if (receivedSpf) {
            String field = ReceivedSpf.field(a.spf(), m.session().clientIp(), m.session().helo(), authservId);
            m.prependHeader("Received-SPF", field.substring(field.indexOf(':') + 1).strip());
        }
        String value = results(a).toValue();
        m.prependHeader("Authentication-Results", value);
        return null;
    }

    /** The field for these results, in the order above. */
    AuthenticationResults results(MessageAuthentication a) {
        List<AuthenticationResults.Result> out = new ArrayList<>();
        out.add(AuthenticationResults.spf(a.spf()));
        if (a.dkim().isEmpty()) {
            out.add(new AuthenticationResults.Result("dkim", "none", null, null, List.of()));
        }
        for (DkimResult d : a.dkim()) {
            out.add(AuthenticationResults.dkim(d));
        }
        if (a.dmarc() != null) {
            out.add(AuthenticationResults.dmarc(a.dmarc()));
        }
        if (a.helo() != null && a.helo().sender() != null) {
            out.add(AuthenticationResults.spf(a.helo()));
        }
        return new AuthenticationResults(authservId, 1, out);
    }
}
