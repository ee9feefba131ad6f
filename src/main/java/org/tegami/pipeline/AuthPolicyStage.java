package org.tegami.pipeline;

import org.tegami.dkim.DkimResult;
import org.tegami.dmarc.DmarcRecord;
import org.tegami.dmarc.DmarcResult;
import org.tegami.spf.SpfResult;

/**
 * Acts on the authentication results of mail from the outside: DMARC disposition reject → 550
 * 5.7.1 at the end of DATA with the reason (RFC 7489 §6.7, §10.3: reject during the SMTP
 * transaction), quarantine → every local copy goes to Junk, none → delivered as usual. Optional:
 * a temporary DNS failure that leaves the result open → 451 4.4.3 (default: accept, and
 * Authentication-Results says temperror); SPF fail without a DMARC pass → 550 5.7.23 (RFC 7208
 * §8.4, RFC 7372; default off: RFC 7489 §10.1 advises letting DMARC decide).
 */
public final class AuthPolicyStage implements Stage {

    /** The special-use \Junk mailbox every account gets (RFC 6154). */
    static final String JUNK = "Junk";

    private final boolean spfFailReject;
    private final boolean temperrorDefer;

    public AuthPolicyStage(boolean spfFailReject, boolean temperrorDefer) {
        this.spfFailReject = spfFailReject;
        this.temperrorDefer = temperrorDefer;
    }

    @Override
    public String name() {
        return "auth-policy";
    }

    @Override
    public Outcome apply(InboundMessage m) {
        if (!SpfStage.checked(m)) {
            return null;
        }
        MessageAuthentication a = m.get(MessageAuthentication.class);
        DmarcResult d = a.dmarc();
        if (d != null && d.disposition() == DmarcRecord.Policy.REJECT) {
            m.note("dmarc-reject");
            return Outcome.rejected(550, "5.7.1", "Rejected by the DMARC policy of " + d.policyDomain() + ": " + d.reason());
        }
        if (temperrorDefer && undecided(a)) {
            m.note("auth-temperror-deferred");
            return Outcome.rejected(451, "4.4.3", "Temporary DNS failure while authenticating the sender, try again later");
        }
        if (spfFailReject && a.spf() != null && a.spf().result() == SpfResult.Result.FAIL && !a.dmarcPass()) {
            m.note("spf-fail-reject");
            return Outcome.rejected(550, "5.7.23", a.spf().explanationOrDefault());
        }
        if (d != null && d.disposition() == DmarcRecord.Policy.QUARANTINE) {
            m.note("dmarc-quarantine");
            m.setDefaultMailbox(JUNK);
        }
        return null;
    }

    /** A temporary error that could change the outcome: DMARC temperror, or no pass and SPF/DKIM temperror. */
    private static boolean undecided(MessageAuthentication a) {
        if (a.dmarc() != null && a.dmarc().status() == DmarcResult.Status.TEMPERROR) {
            return true;
        }
        if (a.dmarcPass()) {
            return false;
        }
        boolean spfTemp = a.spf() != null && a.spf().result() == SpfResult.Result.TEMPERROR;
        return spfTemp || a.dkim().stream().anyMatch(r -> r.status() == DkimResult.Status.TEMPERROR);
    }
}
