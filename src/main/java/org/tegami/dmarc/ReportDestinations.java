package org.tegami.dmarc;

import org.tegami.dns.Lookup;
import org.tegami.dns.Resolver;

/**
 * Verification of external report destinations (RFC 7489 §7.1): a report for policy domain P
 * may go to an address in another organizational domain D only if
 * {@code P._report._dmarc.D} publishes a TXT record starting with "v=DMARC1".
 */
public final class ReportDestinations {

    public enum Verdict {
        /** Same organizational domain, or D authorised P. */
        AUTHORIZED,
        /** D did not authorise P, or the URI is not a usable mailto: address: do not send. */
        NOT_AUTHORIZED,
        /** DNS failed: try again later. */
        TEMPERROR
    }

    private final Resolver resolver;
    private final OrganizationalDomains orgDomains;

    public ReportDestinations(Resolver resolver, OrganizationalDomains orgDomains) {
        this.resolver = resolver;
        this.orgDomains = orgDomains;
    }

    /** May reports about {@code policyDomain} be sent to {@code uri}? */
    public Verdict verify(String policyDomain, DmarcRecord.ReportUri uri) {
        String address = uri.mailAddress();
        if (address == null) {
            return Verdict.NOT_AUTHORIZED;
        }
        String dest = OrganizationalDomains.normalize(address.substring(address.lastIndexOf('@') + 1));
        String policy = OrganizationalDomains.normalize(policyDomain);
        if (orgDomains.of(dest).equals(orgDomains.of(policy))) {
            return Verdict.AUTHORIZED;
        }
        Lookup<String> txt = resolver.txt(policy + "._report._dmarc." + dest);
        if (txt.isTempfail()) {
            return Verdict.TEMPERROR;
        }
        for (String t : txt.records()) {
            if (DmarcRecord.isDmarc(t)) {
                return Verdict.AUTHORIZED;
            }
        }
        return Verdict.NOT_AUTHORIZED;
    }
}
