package org.tegami.threat;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tegami.mime.Address;

/**
 * Domains made to look like ours, a partner's or a well-known service's: same confusable
 * skeleton (UTS #39: Cyrillic "а" for Latin "a", "rn" for "m", "0" for "o"), small edit distance,
 * the same name under another suffix, the real name plus a word ("paypal-secure.com"), or the real
 * domain used as a subdomain ("paypal.com.verify.example"); and IDNs that mix scripts.
 * Checked for From, Reply-To, Return-Path and every link host.
 */
final class LookalikeDetector implements Detector {

    /** What a lookalike imitates, and how much that matters. */
    private enum Kind {
        OWN("your own domain", 6.0), CORRESPONDENT("your correspondent", 6.0), BRAND("the service", 4.5);

        final String text;
        final double weight;

        Kind(String text, double weight) {
            this.text = text;
            this.weight = weight;
        }
    }

    private record Target(String domain, String label, String skeleton, Kind kind) {}

    @Override
    public void detect(MessageContent m, AnalysisContext ctx, Budget budget, List<Finding> out) {
        List<Target> targets = targets(ctx);
        Set<String> protectedOrgs = new LinkedHashSet<>();
        for (Target t : targets) {
            protectedOrgs.add(t.domain());
        }
        Map<String, String> observed = new LinkedHashMap<>();
        if (m.fromDomain != null) {
            observed.put(m.fromDomain, "sender");
        }
        for (Address r : m.replyTo) {
            observed.putIfAbsent(Domains.normalize(r.host()), "Reply-To");
        }
        String rp = Domains.domainOf(m.returnPath);
        if (rp != null) {
            observed.putIfAbsent(rp, "envelope sender");
        }
        int links = 0;
        for (MessageContent.Link l : m.links) {
            if (l.host() != null && !Domains.isIpLiteral(l.host()) && links++ < 200) {
                observed.putIfAbsent(l.host(), "link");
            }
        }
        Set<String> reported = new LinkedHashSet<>();
        for (Map.Entry<String, String> e : observed.entrySet()) {
            String host = e.getKey();
            String org = Domains.registrable(host);
            if (org.isEmpty() || protectedOrgs.contains(org) || Brands.owner(host) != null || Domains.isClickTracker(host)
                    || !reported.add(org)) {
                continue;
            }
            check(host, org, e.getValue(), targets, ctx, out);
        }
    }

    /** The well-known services' domains, with their skeletons computed once. */
    private static final List<Target> BRAND_TARGETS;

    static {
        Map<String, Target> t = new LinkedHashMap<>();
        for (String d : Brands.primaryDomains()) {
            add(t, d, Kind.BRAND);
        }
        BRAND_TARGETS = List.copyOf(t.values());
    }

    private static List<Target> targets(AnalysisContext ctx) {
        Map<String, Target> t = new LinkedHashMap<>();
        for (String d : ctx.localDomains()) {
            add(t, d, Kind.OWN);
        }
        for (String d : ctx.history().frequentDomains(200)) {
            if (!Domains.isFreemail(d)) {
                add(t, d, Kind.CORRESPONDENT);
            }
        }
        for (Target b : BRAND_TARGETS) {
            t.putIfAbsent(b.domain(), b);
        }
        return List.copyOf(t.values());
    }

    private static void add(Map<String, Target> t, String domain, Kind kind) {
        String r = Domains.registrable(domain);
        if (!r.isEmpty()) {
            String label = Domains.label(r);
            t.putIfAbsent(r, new Target(r, label, Confusables.skeleton(label), kind));
        }
    }

    private void check(String host, String org, String role, List<Target> targets, AnalysisContext ctx, List<Finding> out) {
        String uni = Domains.unicode(org);
        String label = Domains.label(org);
        String uniLabel = Domains.unicode(label);
        String skel = Confusables.skeleton(uniLabel);
        String suffix = Domains.suffix(org);
        boolean idn = org.contains("xn--");
        String shown = idn ? uni + " (" + org + ")" : org;
        String prefix = role.equals("link") ? "A link goes to " : "The " + role + " domain ";
        String id = role.equals("link") ? "lookalike.link-domain" : "lookalike.domain";
        for (Target t : targets) {
            String why = similarity(host, label, skel, suffix, t);
            if (why != null && why.startsWith("adds") && t.kind() == Kind.BRAND && COMMON_WORDS.contains(t.label())
                    && !hasLureWord(label)) {
                why = null; // "smith-office.com", "zoom-dental.com": an ordinary word, not the service
            }
            if (why != null) {
                double w = role.equals("link") ? Math.min(t.kind().weight, 5.0) : t.kind().weight;
                if (why.startsWith("has the same name") || why.startsWith("adds")) {
                    w = Math.min(w, t.kind() == Kind.BRAND ? 4.0 : 3.5);
                }
                out.add(new Finding(id, w, prefix + shown + " imitates "
                        + t.kind().text + " " + t.domain() + ": it " + why + "."));
                return;
            }
        }
        if (idn && (Confusables.mixedScript(uniLabel) || Confusables.wholeScriptConfusable(uniLabel))) {
            out.add(new Finding("lookalike.idn-mixed-script", 5.0,
                    prefix + shown + " is an internationalized name whose letters "
                            + (Confusables.mixedScript(uniLabel) ? "mix Latin with Cyrillic or Greek" : "are Cyrillic or Greek made to look Latin")
                            + ", a common disguise."));
        }
    }

    /** Service names that are also everyday words, so a domain containing them is not a lookalike by itself. */
    private static final Set<String> COMMON_WORDS = Set.of("office", "outlook", "apple", "slack", "chase", "zoom", "live", "post",
            "mac", "aeon", "citi", "ups");

    /** Words phishing domains put beside a service's name ("office-verify-account", "apple-id-support"). */
    private static final java.util.regex.Pattern LURE = java.util.regex.Pattern.compile(
            "secure|security|verify|verification|login|logon|signin|sign-in|account|support|update|service|billing|id|auth|mail"
                    + "|help|online|alert|notice|confirm|team|center|centre|portal|365|web|password|unlock|recovery|access"
                    + "|parcel|track|tracking|delivery|shipping|package|express|customs|redelivery|shipment");

    private static boolean hasLureWord(String label) {
        for (String part : label.split("-")) {
            if (LURE.matcher(part).matches()) {
                return true;
            }
        }
        return LURE.matcher(label).find() && label.matches(".*(?:verify|login|signin|secure|account|password|365).*");
    }

    /** Why {@code label} looks like the target, or null. */
    private static String similarity(String host, String label, String skel, String suffix, Target t) {
        if (skel.equals(t.skeleton()) && t.label().length() >= 4) {
            return label.equals(t.label())
                    ? "has the same name with another ending (." + suffix + ")"
                    : "uses look-alike characters (\"" + Domains.unicode(label) + "\" reads as \"" + t.label() + "\")";
        }
        int len = t.label().length();
        if (len >= 5) {
            int max = len >= 9 ? 2 : 1;
            if (Confusables.distance(skel, t.skeleton(), max) <= max || Confusables.distance(label, t.label(), max) <= max) {
                return "differs from it by only " + Math.max(1, Confusables.distance(label, t.label(), 3)) + " character(s)";
            }
        }
        if (len == 3 && t.kind() == Kind.BRAND && hasLureWord(label)) {
            // Three-letter names (DHL, UPS) only as a whole word beside a lure: "dhl-parcel-track"
            for (String part : label.split("-")) {
                if (part.equals(t.label()) && !label.equals(t.label())) {
                    return "adds words to its name (\"" + label + "\")";
                }
            }
        }
        if (len >= 4) {
            for (String part : label.split("-")) {
                if (part.equals(t.label()) && !label.equals(t.label())) {
                    return "adds words to its name (\"" + label + "\")";
                }
            }
            String sub = host.length() > org(host).length() ? host.substring(0, host.length() - org(host).length()) : "";
            if (!sub.isEmpty() && (("." + sub).contains("." + t.domain() + ".") || ("." + sub).contains("." + t.label() + "."))) {
                return "puts the real name in front of an unrelated domain (" + host + ")";
            }
        }
        return null;
    }

    private static String org(String host) {
        return Domains.registrable(host);
    }
}
