package org.tegami.threat;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tegami.mime.Address;

/**
 * Who the message claims to be from versus where it comes from: borrowed display names of
 * colleagues and VIPs, e-mail addresses in display names, brand names, Reply-To and Return-Path
 * that lead elsewhere, unauthenticated mail claiming our own domain or a known correspondent,
 * and first contact from a new domain.
 */
final class ImpersonationDetector implements Detector {

    /** Display names of the mailbox administrators whom credential phishing imitates. */
    private static final Pattern IT_ROLE = Pattern.compile(
            "\\b(?:it (?:support|help ?desk|department|service ?desk|team|admin)|help ?desk|service ?desk|mail(?:box)? (?:admin(?:istrator)?|support|server|delivery)"
                    + "|e-?mail (?:admin(?:istrator)?|support|security|quarantine)|web ?mail|postmaster|system administrator|sys ?admin"
                    + "|administrator|account (?:team|services|security)|security (?:team|center|centre|department|alert))\\b"
                    + "|情報システム|システム管理|メール管理|ヘルプデスク|セキュリティ(?:センター|チーム|部)|サポートセンター",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    private static final Pattern EMAIL_IN_NAME = Pattern.compile("[\\w.+'-]{1,64}@([\\w-]{1,63}(?:\\.[\\w-]{1,63})+)");

    @Override
    public void detect(MessageContent m, AnalysisContext ctx, Budget budget, List<Finding> out) {
        if (m.from == null) {
            out.add(new Finding("sender.missing-from", 1.0, "The message has no usable From address."));
            return;
        }
        boolean local = ctx.isLocal(m.fromDomain);
        if (!local) {
            displayName(m, ctx, out);
            organizationOrRole(m, ctx, out);
        }
        addressInName(m, ctx, out);
        brand(m, out);
        replyTo(m, ctx, out);
        returnPath(m, ctx, out);
        authentication(m, ctx, local, out);
        firstContact(m, ctx, local, out);
    }

    /** A colleague's or VIP's name on an address that is not theirs. */
    private void displayName(MessageContent m, AnalysisContext ctx, List<Finding> out) {
        List<String> display = Names.tokens(m.fromName);
        List<String> localPartTokens = display.isEmpty() ? Names.tokens(Domains.localPart(m.fromAddress)) : List.of();
        Finding best = null;
        for (int pass = 0; pass < 2; pass++) {
            boolean vip = pass == 1;
            for (KnownPerson p : vip ? ctx.vips() : ctx.people()) {
                if (p.owns(m.fromAddress)) {
                    return; // the person's own (possibly external) address
                }
                List<String> person = Names.tokens(p.displayName());
                Names.Match match = Names.compare(display, person);
                boolean fromLocalPart = false;
                if (match == Names.Match.NONE && !localPartTokens.isEmpty()) {
                    match = Names.compare(localPartTokens, person) == Names.Match.EXACT ? Names.Match.CLOSE : Names.Match.NONE;
                    fromLocalPart = match != Names.Match.NONE;
                }
                if (match == Names.Match.NONE) {
                    continue;
                }
                double w = switch (match) {
                    case EXACT -> 5.0;
                    case CONTAINS -> 4.5;
                    default -> 3.5;
                };
                if (vip) {
                    w += 1.0;
                }
                boolean namesake = match == Names.Match.EXACT && !fromLocalPart && namesake(m, ctx, person);
                if (namesake) {
                    w = Math.min(w, vip ? 4.0 : 3.0);
                }
                if (ctx.history().sentTo(m.fromAddress) > 0 || serviceDomain(m.fromDomain)) {
                    // we have written to this address before (likely their private address), or it
                    // is a service notifying "Name via Dropbox" on someone's behalf
                    w = 2.0;
                }
                String who = (vip ? "your VIP " : "your colleague ") + p.displayName()
                        + (p.primaryAddress().isEmpty() ? "" : " <" + p.primaryAddress() + ">");
                String how = fromLocalPart
                        ? "The address " + m.fromAddress + " uses the name of " + who
                        : "The display name \"" + m.fromName + "\" " + (match == Names.Match.EXACT ? "matches " : "resembles ") + who;
                Finding f = new Finding("impersonation.display-name", w,
                        how + ", but the message comes from the outside address " + m.fromAddress
                                + (namesake ? " (possibly a namesake: the address carries that name at an unrelated organization)." : "."));
                if (best == null || f.weight() > best.weight()) {
                    best = f;
                }
            }
        }
        if (best != null) {
            out.add(best);
        }
    }

    /**
     * A likely namesake rather than an impersonator: the address itself is made of the person's
     * name ("sarah.johnson@", "sjohnson@") at a business domain that is neither free-mail nor
     * made to look like ours. Impersonators mostly write from free-mail, lookalike domains or
     * generic mailboxes, since a name-shaped address at an unrelated company is what a real
     * person elsewhere has. Still a finding, with less weight.
     */
    private static boolean namesake(MessageContent m, AnalysisContext ctx, List<String> person) {
        if (Domains.isFreemail(m.fromDomain) || resemblesOurs(ctx, m.fromDomain) || Names.hasCjk(String.join("", person))) {
            return false;
        }
        String local = Domains.localPart(m.fromAddress).replaceAll("[+].*$", "");
        List<String> parts = Names.tokens(local.replaceAll("[0-9]+", " "));
        if (parts.isEmpty() || person.size() < 2) {
            return false;
        }
        String joined = String.join("", parts);
        String first = person.get(0);
        String last = person.get(person.size() - 1);
        return new java.util.TreeSet<>(parts).equals(new java.util.TreeSet<>(person)) || joined.equals(first + last)
                || joined.equals(last + first) || joined.equals(first.charAt(0) + last) || joined.equals(first + last.charAt(0));
    }

    /** True if a domain's name contains, or is confusable with or close to, one of our domains' names. */
    static boolean resemblesOurs(AnalysisContext ctx, String domain) {
        String label = Domains.label(domain);
        String skeleton = Confusables.skeleton(Domains.unicode(label));
        for (String d : ctx.localDomains()) {
            String ours = Domains.label(d);
            if (ours.length() < 4) {
                continue;
            }
            String oursSkeleton = Confusables.skeleton(ours);
            int max = ours.length() >= 9 ? 2 : 1;
            if (label.contains(ours) || skeleton.contains(oursSkeleton) || Confusables.distance(skeleton, oursSkeleton, max) <= max) {
                return true;
            }
        }
        return false;
    }

    /** An outside sender whose display name uses our organization's name or poses as IT/mail admin. */
    private void organizationOrRole(MessageContent m, AnalysisContext ctx, List<Finding> out) {
        if (m.fromName == null || known(ctx, m.fromAddress, m.fromDomain)) {
            return;
        }
        String name = java.text.Normalizer.normalize(m.fromName, java.text.Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        String skeleton = Confusables.skeleton(name);
        for (String d : ctx.localDomains()) {
            String label = Domains.label(d);
            if (label.length() >= 4 && (name.contains(label) || skeleton.contains(Confusables.skeleton(label)))) {
                out.add(new Finding("impersonation.org-name", serviceDomain(m.fromDomain) ? 2.0 : 3.0,
                        "The display name \"" + m.fromName + "\" uses your organization's name (" + label
                                + "), but the message comes from the outside address " + m.fromAddress + "."));
                return;
            }
        }
        if (partnerName(m, ctx, name, out)) {
            return;
        }
        Matcher r = IT_ROLE.matcher(name);
        if (r.find() && !serviceDomain(m.fromDomain)) {
            out.add(new Finding("impersonation.it-role", 3.0, "The display name \"" + m.fromName
                    + "\" poses as an IT or mailbox administrator, but the message comes from the outside address " + m.fromAddress + "."));
        }
    }

    /**
     * Vendor impersonation: the display name carries the name of an organization we correspond
     * with ("Contoso Supplies Accounts") while the address is at another, unrelated domain.
     */
    private static boolean partnerName(MessageContent m, AnalysisContext ctx, String lowerName, List<Finding> out) {
        if (ctx.history().isEmpty()) {
            return false;
        }
        String letters = lettersOnly(lowerName);
        for (String d : ctx.history().frequentDomains(200)) {
            String partner = lettersOnly(Domains.label(d));
            if (partner.length() < 5 || Domains.isFreemail(d) || Domains.sameOrganization(d, m.fromDomain) || !letters.contains(partner)) {
                continue;
            }
            out.add(new Finding("impersonation.partner-name", serviceDomain(m.fromDomain) ? 1.5 : 3.0, "The display name \""
                    + m.fromName + "\" uses the name of " + d + ", an organization you correspond with, but the message comes from "
                    + m.fromAddress + "."));
            return true;
        }
        return false;
    }

    private static String lettersOnly(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /** "ceo@corp.test" <x@elsewhere.test>: an address in the display name that is not the sender. */
    private void addressInName(MessageContent m, AnalysisContext ctx, List<Finding> out) {
        if (m.fromName == null) {
            return;
        }
        Matcher e = EMAIL_IN_NAME.matcher(m.fromName.length() > 300 ? m.fromName.substring(0, 300) : m.fromName);
        if (e.find()) {
            String shown = e.group().toLowerCase(Locale.ROOT);
            String shownDomain = e.group(1).toLowerCase(Locale.ROOT);
            if (!Domains.sameOrganization(shownDomain, m.fromDomain)) {
                double w = ctx.isLocal(shownDomain) ? 5.0 : 4.0;
                out.add(new Finding("impersonation.display-name-address", w,
                        "The sender's display name shows the address " + shown + ", but the message really comes from "
                                + m.fromAddress + "."));
            }
        }
    }

    private void brand(MessageContent m, List<Finding> out) {
        Brands.Brand b = Brands.claimedBy(m.fromName);
        if (b != null && !Brands.owns(b, m.fromDomain)) {
            out.add(new Finding("impersonation.brand", 4.0,
                    "The display name \"" + m.fromName + "\" claims to be " + b.name() + ", but the message comes from "
                            + m.fromDomain + ", which does not belong to " + b.name() + "."));
        }
    }

    /** Replies would go to another organization than the one the message claims to be from. */
    private void replyTo(MessageContent m, AnalysisContext ctx, List<Finding> out) {
        for (Address r : m.replyTo) {
            String rd = Domains.normalize(r.host());
            if (Domains.sameOrganization(rd, m.fromDomain) || ctx.isLocal(rd)) {
                continue;
            }
            boolean fromTrusted = ctx.isLocal(m.fromDomain) || known(ctx, m.fromAddress, m.fromDomain)
                    || serviceDomain(m.fromDomain);
            boolean toFree = Domains.isFreemail(rd) && !Domains.isFreemail(m.fromDomain);
            double w = fromTrusted || toFree ? 3.5 : 2.0;
            String addr = r.address().toLowerCase(Locale.ROOT);
            out.add(new Finding("impersonation.reply-to", w,
                    "Replies would go to " + addr + (toFree ? " (a free-mail address)" : "")
                            + ", not to the sender " + m.fromAddress + "."));
            return;
        }
    }

    /**
     * The envelope sender is another organization. Bulk senders do this legitimately, so it is
     * only raised when the From claims a party we know (our domain, a correspondent) or the
     * envelope is a free-mail address behind a business From.
     */
    private void returnPath(MessageContent m, AnalysisContext ctx, List<Finding> out) {
        String rp = m.returnPath;
        String rd = Domains.domainOf(rp);
        if (rd == null || Domains.sameOrganization(rd, m.fromDomain)) {
            return;
        }
        boolean claimsKnown = ctx.isLocal(m.fromDomain) || known(ctx, m.fromAddress, m.fromDomain);
        boolean freeBehindBusiness = Domains.isFreemail(rd) && !Domains.isFreemail(m.fromDomain);
        if (claimsKnown || freeBehindBusiness) {
            out.add(new Finding("impersonation.return-path", 1.5,
                    "The message claims to be from " + m.fromAddress + " but was sent by " + rp
                            + " (the envelope sender)."));
        }
    }

    /** Mail claiming our own domain or a known correspondent that fails authentication. */
    private void authentication(MessageContent m, AnalysisContext ctx, boolean local, List<Finding> out) {
        AuthSummary auth = ctx.auth();
        if (auth.isUnknown()) {
            return; // no evidence either way (e.g. offline analysis of a file without Authentication-Results)
        }
        boolean contradicted = auth.contradicts(m.fromDomain);
        boolean unverified = !auth.authenticates(m.fromDomain);
        if (local && (contradicted || unverified)) {
            out.add(new Finding("impersonation.own-domain", contradicted ? 6.0 : 3.0,
                    "The message claims to be from " + m.fromAddress + " in your own domain, but "
                            + (contradicted ? "it failed sender authentication (" + authText(auth) + ")."
                                    : "nothing authenticates it (" + authText(auth) + ").")));
            return;
        }
        if (known(ctx, m.fromAddress, m.fromDomain) && (contradicted || unverified)) {
            out.add(new Finding("auth.known-sender-unverified", contradicted ? 5.0 : 2.0,
                    "The message claims to be from " + m.fromAddress + ", a known correspondent, but "
                            + (contradicted ? "it failed sender authentication (" + authText(auth) + ")."
                                    : "nothing authenticates it (" + authText(auth) + ").")));
            return;
        }
        if (auth.dmarc() == AuthSummary.Result.FAIL && contradicted) {
            boolean enforced = auth.dmarcPolicy() == AuthSummary.Policy.REJECT || auth.dmarcPolicy() == AuthSummary.Policy.QUARANTINE;
            out.add(new Finding("auth.dmarc-fail", enforced ? 3.5 : 2.5,
                    "DMARC failed for " + m.fromDomain + (enforced ? ", whose owner asks receivers to "
                            + auth.dmarcPolicy().name().toLowerCase(Locale.ROOT) + " such mail" : "") + "."));
        }
    }

    private static String authText(AuthSummary a) {
        return "SPF " + a.spf().name().toLowerCase(Locale.ROOT) + ", DKIM " + a.dkim().name().toLowerCase(Locale.ROOT)
                + ", DMARC " + a.dmarc().name().toLowerCase(Locale.ROOT);
    }

    private void firstContact(MessageContent m, AnalysisContext ctx, boolean local, List<Finding> out) {
        CorrespondentHistory h = ctx.history();
        if (local || h.isEmpty() || known(ctx, m.fromAddress, m.fromDomain)) {
            return;
        }
        out.add(new Finding("sender.first-contact", 1.0,
                "This is the first message from " + m.fromOrg() + ": nobody here has corresponded with that domain before."));
    }

    /** A well-known service's own sending domain (not its free-mail domains). */
    static boolean serviceDomain(String domain) {
        return Brands.owner(domain) != null && !Domains.isFreemail(domain);
    }

    /** True if we have corresponded with this address or organization. */
    static boolean known(AnalysisContext ctx, String address, String domain) {
        CorrespondentHistory h = ctx.history();
        if (address != null && (h.receivedFrom(address) > 0 || h.sentTo(address) > 0)) {
            return true;
        }
        String org = Domains.registrable(domain);
        if (h.sentToDomain(org) > 0 || h.receivedFromDomain(org) > 0) {
            return true;
        }
        for (KnownPerson v : ctx.vips()) {
            if (v.owns(address)) {
                return true;
            }
        }
        return false;
    }
}
