package org.tegami.pipeline;

import java.util.List;
import org.tegami.dkim.DkimResult;
import org.tegami.dkim.DkimVerifier;

/**
 * Verifies every DKIM-Signature of mail from the outside (RFC 6376 §6, RFC 8301, RFC 8463) as
 * received, and adds the results to the {@link MessageAuthentication} fact.
 */
public final class DkimVerifyStage implements Stage {

    private final DkimVerifier verifier;

    public DkimVerifyStage(DkimVerifier verifier) {
        this.verifier = verifier;
    }

    @Override
    public String name() {
        return "dkim-verify";
    }

    @Override
    public Outcome apply(InboundMessage m) {
        if (!SpfStage.checked(m)) {
            return null;
        }
        List<DkimResult> results = verifier.verify(m.content());
        m.put(MessageAuthentication.class, m.get(MessageAuthentication.class).withDkim(results));
        if (!results.isEmpty()) {
            m.note("dkim=" + String.join(",", results.stream().map(r -> r.status().keyword()).toList()));
        }
        return null;
    }
}
