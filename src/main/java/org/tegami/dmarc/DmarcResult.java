package org.tegami.dmarc;

import java.util.Locale;

/**
 * The DMARC verdict for one message (RFC 7489 §6.6, result names of RFC 8601 §2.7.5).
 *
 * @param status pass / fail / none / temperror / permerror
 * @param fromDomain the RFC5322.From domain, or null when there was none
 * @param policyDomain the domain whose record was used (From domain or its organizational
 *     domain), or null when none was found
 * @param record the policy record, or null
 * @param policy the policy requested for this message (p=, sp= or np=), or null without record
 * @param disposition what to do: the policy, lowered by pct= sampling / t=y or an override; NONE
 *     for passing mail
 * @param override why the disposition is below the policy, or null
 * @param spfAligned SPF passed for a domain aligned with the From domain
 * @param dkimAligned a DKIM signature passed for a domain aligned with the From domain
 * @param alignedDkimDomain the d= of the first aligned passing signature, or null
 * @param reason one sentence for people
 */
public record DmarcResult(Status status, String fromDomain, String policyDomain, DmarcRecord record,
        DmarcRecord.Policy policy, DmarcRecord.Policy disposition, Override override, boolean spfAligned,
        boolean dkimAligned, String alignedDkimDomain, String reason) {

    public enum Status {
        PASS, FAIL, NONE, TEMPERROR, PERMERROR;

        public String keyword() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Policy override reasons (RFC 7489 Appendix C PolicyOverrideType). */
    public enum Override {
        FORWARDED, SAMPLED_OUT, TRUSTED_FORWARDER, MAILING_LIST, LOCAL_POLICY, OTHER;

        public String keyword() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * The same verdict with a local override (e.g. a trusted forwarder): disposition none. The
     * status stays, so reports and Authentication-Results still tell the truth.
     */
    public DmarcResult withOverride(Override why, String comment) {
        return new DmarcResult(status, fromDomain, policyDomain, record, policy, DmarcRecord.Policy.NONE, why,
                spfAligned, dkimAligned, alignedDkimDomain, reason + "; overridden (" + why.keyword() + "): " + comment);
    }
}
