package org.tegami.threat;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Everything the analyzer knows about the message's arrival and the receiving organization.
 *
 * @param auth SPF/DKIM/DMARC outcome; {@link AuthSummary#UNKNOWN} when not available
 * @param localDomains the domains we receive mail for (the recipient's organization)
 * @param people local accounts: display names and addresses (whose names attackers borrow)
 * @param vips configured VIPs (executives, finance): their names weigh more; their listed
 *     addresses may be external and are then legitimate
 * @param history past correspondence; {@link CorrespondentHistory#none()} if unknown
 * @param envelopeFrom the SMTP MAIL FROM address, or null to use the Return-Path header
 */
public record AnalysisContext(
        AuthSummary auth,
        Set<String> localDomains,
        List<KnownPerson> people,
        List<KnownPerson> vips,
        CorrespondentHistory history,
        String envelopeFrom) {

    public AnalysisContext {
        auth = auth == null ? AuthSummary.UNKNOWN : auth;
        Set<String> d = new LinkedHashSet<>();
        for (String s : Objects.requireNonNullElse(localDomains, Set.<String>of())) {
            d.add(Domains.normalize(s).toLowerCase(Locale.ROOT));
        }
        localDomains = Set.copyOf(d);
        people = List.copyOf(Objects.requireNonNullElse(people, List.of()));
        vips = List.copyOf(Objects.requireNonNullElse(vips, List.of()));
        history = history == null ? CorrespondentHistory.none() : history;
    }

    /** A context that knows only our domains. */
    public static AnalysisContext forDomains(Set<String> localDomains) {
        return new AnalysisContext(AuthSummary.UNKNOWN, localDomains, List.of(), List.of(), null, null);
    }

    public AnalysisContext withAuth(AuthSummary a) {
        return new AnalysisContext(a, localDomains, people, vips, history, envelopeFrom);
    }

    public AnalysisContext withPeople(List<KnownPerson> p) {
        return new AnalysisContext(auth, localDomains, p, vips, history, envelopeFrom);
    }

    public AnalysisContext withVips(List<KnownPerson> v) {
        return new AnalysisContext(auth, localDomains, people, v, history, envelopeFrom);
    }

    public AnalysisContext withHistory(CorrespondentHistory h) {
        return new AnalysisContext(auth, localDomains, people, vips, h, envelopeFrom);
    }

    public AnalysisContext withEnvelopeFrom(String mailFrom) {
        return new AnalysisContext(auth, localDomains, people, vips, history, mailFrom);
    }

    /** True if the domain is one of ours or a subdomain of one. */
    public boolean isLocal(String domain) {
        return domain != null && Domains.within(domain, localDomains);
    }
}
