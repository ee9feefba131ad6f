package org.tegami.pipeline;

import org.tegami.spf.SpfResult;
import org.tegami.spf.SpfVerifier;

/**
 * SPF (RFC 7208) for mail from the outside, at the end of DATA: the MAIL FROM identity (§2.4;
 * for the null sender, postmaster@HELO) and the HELO identity (§2.3), from the session's client
 * address. Starts the {@link MessageAuthentication} fact; mail from an authenticated user gets
 * {@link MessageAuthentication#submitted} instead and is not checked. The result alone never
 * refuses mail here (RFC 7208 §8.4 leaves it to policy: {@link AuthPolicyStage}).
 */
public final class SpfStage implements Stage {

    private final SpfVerifier spf;

    public SpfStage(SpfVerifier spf) {
        this.spf = spf;
    }

    @Override
    public String name() {
        return "spf";
    }

    @Override
    public Outcome apply(InboundMessage m) {
        SessionInfo s = m.session();
        if (s.authUser() != null) {
            m.put(MessageAuthentication.class, MessageAuthentication.submitted(s.authUser()));
            return null;
        }
        if (s.role() != Role.MX) {
            return null;
        }
        String mailFrom = m.sender() == null ? "" : m.sender().toString();
        SpfResult mf = spf.check(s.clientIp(), mailFrom, s.helo());
        SpfResult helo = spf.checkHelo(s.clientIp(), s.helo());
        m.put(MessageAuthentication.class, MessageAuthentication.spf(mf, helo));
        m.note("spf=" + mf.result().keyword() + " helo=" + helo.result().keyword());
        return null;
    }

    /** True when the inbound checks apply: SPF ran and the mail is not from one of our users. */
    static boolean checked(InboundMessage m) {
        MessageAuthentication a = m.get(MessageAuthentication.class);
        return a != null && !a.isSubmission();
    }
}
