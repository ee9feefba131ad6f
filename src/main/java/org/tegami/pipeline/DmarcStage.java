package org.tegami.pipeline;

import org.tegami.dmarc.DmarcEvaluator;
import org.tegami.dmarc.DmarcResult;
import org.tegami.dmarc.FromDomain;
import org.tegami.mailauth.DmarcRecorder;
import org.tegami.mailauth.TrustedForwarders;

/**
 * DMARC (RFC 7489 §6.6) for mail from the outside, from the SPF and DKIM results already in the
 * {@link MessageAuthentication} fact: evaluates the From domain's policy, applies the local
 * override list (trusted forwarders, §7.2.1.1) to failures, completes the fact, and records the
 * evaluation for the aggregate report when the policy asks for one (§7.2). Acting on the
 * disposition is {@link AuthPolicyStage}'s job.
 */
public final class DmarcStage implements Stage {

    private final DmarcEvaluator evaluator;
    private final TrustedForwarders forwarders;
    private final DmarcRecorder recorder;

    public DmarcStage(DmarcEvaluator evaluator, TrustedForwarders forwarders, DmarcRecorder recorder) {
        this.evaluator = evaluator;
        this.forwarders = forwarders;
        this.recorder = recorder;
    }

    @Override
    public String name() {
        return "dmarc";
    }

    @Override
    public Outcome apply(InboundMessage m) {
        if (!SpfStage.checked(m)) {
            return null;
        }
        MessageAuthentication a = m.get(MessageAuthentication.class);
        DmarcResult r = evaluator.evaluate(FromDomain.of(m.parsed().headers().fields()), a.spf(), a.dkim());
        if (r.status() == DmarcResult.Status.FAIL && r.disposition() != org.tegami.dmarc.DmarcRecord.Policy.NONE) {
            String why = forwarders.match(m.session().clientIp(), a.spf(), a.helo(), a.dkim());
            if (why != null) {
                r = r.withOverride(DmarcResult.Override.TRUSTED_FORWARDER, why);
            }
        }
        m.put(MessageAuthentication.class, a.withDmarc(r));
        m.note("dmarc=" + r.status().keyword() + (r.policy() == null ? "" : " dis=" + r.disposition().keyword()));
        if (recorder != null) {
            recorder.record(m.session().clientIp(), envelopeFrom(m), r, a.spf(), a.dkim());
        }
        return null;
    }

    /** RFC 7489 Appendix C envelope_from: the MAIL FROM domain, for the null sender the HELO name (RFC 7208 §2.4). */
    private static String envelopeFrom(InboundMessage m) {
        return m.sender() == null ? m.session().helo() : m.sender().asciiDomain();
    }
}
