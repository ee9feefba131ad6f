package org.tegami.dmarc;

import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;
import org.tegami.dkim.DkimResult;
import org.tegami.dns.Lookup;
import org.tegami.dns.Resolver;
import org.tegami.spf.SpfResult;

/**
 * DMARC evaluation (RFC 7489 §6.6): takes the SPF and DKIM results as input — it never runs
 * them — discovers the policy through the {@link Resolver}, checks identifier alignment and
 * returns a {@link DmarcResult}. A policy outcome is a value, never an exception.
 */
public final class DmarcEvaluator {

    /**
     * The outcome of policy discovery (RFC 7489 §6.6.3).
     *
     * @param record the record, for FOUND
     * @param policyDomain where it was found
     */
    public record PolicyLookup(Status status, DmarcRecord record, String policyDomain, String reason) {
        public enum Status { FOUND, NONE, TEMPERROR, INVALID }
    }

    private final Resolver resolver;
    private final OrganizationalDomains orgDomains;
    private final RandomGenerator random;

    /** Guava's public suffix list and a fresh random source for pct= sampling. */
    public DmarcEvaluator(Resolver resolver) {
        this(resolver, OrganizationalDomains.guava(), RandomGenerator.getDefault());
    }

    public DmarcEvaluator(Resolver resolver, OrganizationalDomains orgDomains, RandomGenerator random) {
        this.resolver = resolver;
        this.orgDomains = orgDomains;
        this.random = random;
    }

    public OrganizationalDomains organizationalDomains() {
        return orgDomains;
    }

    /** Identifier alignment (RFC 7489 §3.1): strict = same name, relaxed = same organizational domain. */
    public boolean aligned(String a, String b, DmarcRecord.Alignment mode) {
        String x = OrganizationalDomains.normalize(a);
        String y = OrganizationalDomains.normalize(b);
        if (x.isEmpty() || y.isEmpty()) {
            return false;
        }
        return mode == DmarcRecord.Alignment.STRICT ? x.equals(y) : orgDomains.of(x).equals(orgDomains.of(y));
    }

    /**
     * Policy discovery (RFC 7489 §6.6.3): _dmarc.&lt;from-domain&gt;, then, if that holds no
     * DMARC record at all, _dmarc.&lt;organizational domain&gt;.
     */
    public PolicyLookup discover(String fromDomain) {
        String from = OrganizationalDomains.normalize(fromDomain);
        PolicyLookup first = lookup(from);
        if (first.status() != PolicyLookup.Status.NONE) {
            return first;
        }
        String org = orgDomains.of(from);
        if (org.equals(from)) {
            return first;
        }
        return lookup(org);
    }

    private PolicyLookup lookup(String domain) {
        Lookup<String> txt = resolver.txt("_dmarc." + domain);
        if (txt.isTempfail()) {
            return new PolicyLookup(PolicyLookup.Status.TEMPERROR, null, domain, "DNS error looking up _dmarc." + domain);
        }
        List<String> records = txt.records().stream().filter(DmarcRecord::isDmarc).toList();
        if (records.isEmpty()) {
            return new PolicyLookup(PolicyLookup.Status.NONE, null, null, "no DMARC record for " + domain);
        }
        if (records.size() > 1) {
            return new PolicyLookup(PolicyLookup.Status.INVALID, null, domain, domain + " publishes " + records.size() + " DMARC records");
        }
        return switch (DmarcRecord.parse(records.get(0))) {
            case DmarcRecord.Valid v -> new PolicyLookup(PolicyLookup.Status.FOUND, v.record(), domain, "");
            case DmarcRecord.Invalid inv -> new PolicyLookup(PolicyLookup.Status.INVALID, null, domain,
                    "unusable DMARC record at _dmarc." + domain + ": " + inv.reason());
        };
    }

    /**
     * Evaluates the message whose From field(s) gave {@code from}. Several From domains are each
     * evaluated and the strictest outcome is returned (RFC 7489 §6.6.1 leaves this to receivers).
     */
    public DmarcResult evaluate(FromDomain from, SpfResult spf, List<DkimResult> dkim) {
        if (from.status() == FromDomain.Status.NO_FROM || from.status() == FromDomain.Status.NO_DOMAIN) {
            return new DmarcResult(DmarcResult.Status.PERMERROR, null, null, null, null, DmarcRecord.Policy.NONE, null,
                    false, false, null, from.status() == FromDomain.Status.NO_FROM
                            ? "the message has no From field" : "the From field has no usable domain");
        }
        DmarcResult worst = null;
        for (String d : from.domains()) {
            DmarcResult r = evaluate(d, spf, dkim);
            if (worst == null || rank(r) > rank(worst)) {
                worst = r;
            }
        }
        if (from.domains().size() > 1) {
            worst = new DmarcResult(worst.status(), worst.fromDomain(), worst.policyDomain(), worst.record(),
                    worst.policy(), worst.disposition(), worst.override(), worst.spfAligned(), worst.dkimAligned(),
                    worst.alignedDkimDomain(), worst.reason() + " (From names " + from.domains().size() + " domains; strictest shown)");
        }
        return worst;
    }

    private static int rank(DmarcResult r) {
        int d = r.disposition() == null ? 0 : r.disposition().ordinal();
        return d * 10 + switch (r.status()) {
            case PASS -> 0;
            case NONE -> 1;
            case TEMPERROR -> 2;
            case PERMERROR -> 3;
            case FAIL -> 4;
        };
    }

    /** Evaluates one From domain (RFC 7489 §6.6.2). {@code spf} may be null (not checked). */
    public DmarcResult evaluate(String fromDomain, SpfResult spf, List<DkimResult> dkim) {
        String from = OrganizationalDomains.normalize(fromDomain);
        PolicyLookup found = discover(from);
        switch (found.status()) {
            case TEMPERROR -> {
                return result(DmarcResult.Status.TEMPERROR, from, found, null, null, false, false, null, found.reason());
            }
            case NONE -> {
                return result(DmarcResult.Status.NONE, from, found, null, null, false, false, null,
                        "no DMARC policy for " + from);
            }
            case INVALID -> {
                return result(DmarcResult.Status.PERMERROR, from, found, null, null, false, false, null, found.reason());
            }
            case FOUND -> { }
        }
        DmarcRecord rec = found.record();
        String dkimDomain = null;
        boolean dkimTemp = false;
        for (DkimResult r : dkim) {
            if (r.domain() == null || !aligned(r.domain(), from, rec.dkimAlignment())) {
                continue;
            }
            if (r.isPass() && dkimDomain == null) {
                dkimDomain = r.domain();
            }
            dkimTemp |= r.status() == DkimResult.Status.TEMPERROR;
        }
        boolean spfDomainAligned = spf != null && spf.domain() != null && aligned(spf.domain(), from, rec.spfAlignment());
        boolean spfAligned = spfDomainAligned && spf.result() == SpfResult.Result.PASS;
        boolean dkimAligned = dkimDomain != null;
        DmarcRecord.Policy policy = policyFor(from, found.policyDomain(), rec);
        if (spfAligned || dkimAligned) {
            String how = dkimAligned ? "DKIM signature of " + dkimDomain : "SPF for " + spf.domain();
            return result(DmarcResult.Status.PASS, from, found, policy, DmarcRecord.Policy.NONE, spfAligned,
                    dkimAligned, dkimDomain, "DMARC pass: " + how + " is aligned with From domain " + from);
        }
        if (dkimTemp || (spfDomainAligned && spf.result() == SpfResult.Result.TEMPERROR)) {
            return result(DmarcResult.Status.TEMPERROR, from, found, policy, DmarcRecord.Policy.NONE, false, false, null,
                    "DMARC could not be decided for " + from + ": an aligned SPF or DKIM check had a temporary DNS error");
        }
        DmarcRecord.Policy disposition = policy;
        DmarcResult.Override override = null;
        // RFC 7489 §6.6.4: outside the pct= sample, apply the next policy down; DMARCbis t=y alike
        if (rec.testing() || (rec.percent() < 100 && random.nextInt(100) >= rec.percent())) {
            disposition = policy == DmarcRecord.Policy.REJECT ? DmarcRecord.Policy.QUARANTINE : DmarcRecord.Policy.NONE;
            override = disposition == policy ? null : DmarcResult.Override.SAMPLED_OUT;
        }
        String why = "DMARC fail: neither SPF" + (spf == null ? "" : " (" + spf.result().keyword()
                + (spf.domain() == null ? "" : " for " + spf.domain()) + ")") + " nor any DKIM signature ("
                + dkim.size() + ") passed aligned with From domain " + from + "; policy of " + found.policyDomain()
                + " is p=" + policy.keyword() + (disposition != policy ? " applied as " + disposition.keyword() + " (sampled out)" : "");
        return new DmarcResult(DmarcResult.Status.FAIL, from, found.policyDomain(), rec, policy, disposition, override,
                false, false, null, why);
    }

    /** p= for the policy domain itself, np= for non-existent subdomains, else sp= (RFC 7489 §6.6.3, RFC 9091). */
    private DmarcRecord.Policy policyFor(String from, String policyDomain, DmarcRecord rec) {
        if (from.equals(policyDomain)) {
            return rec.policy();
        }
        if (rec.nonexistentPolicy() != rec.subdomainPolicy() && nonexistent(from)) {
            return rec.nonexistentPolicy();
        }
        return rec.subdomainPolicy();
    }

    /** RFC 9091 §2.1: a domain is non-existent when A, AAAA and MX all say NXDOMAIN. */
    private boolean nonexistent(String domain) {
        return resolver.a(domain).status() == Lookup.Status.NXDOMAIN
                && resolver.aaaa(domain).status() == Lookup.Status.NXDOMAIN
                && resolver.mx(domain).status() == Lookup.Status.NXDOMAIN;
    }

    private static DmarcResult result(DmarcResult.Status status, String from, PolicyLookup found, DmarcRecord.Policy policy,
            DmarcRecord.Policy disposition, boolean spf, boolean dkim, String dkimDomain, String reason) {
        return new DmarcResult(status, from, found.policyDomain(), found.record(), policy,
                Objects.requireNonNullElse(disposition, DmarcRecord.Policy.NONE), null, spf, dkim, dkimDomain, reason);
    }
}
