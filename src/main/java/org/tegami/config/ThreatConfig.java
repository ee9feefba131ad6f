package org.tegami.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * [threat] — the threat check on mail from outside (docs/threat.md). Keys and defaults:
 *
 * @param enabled run the check at all (default true)
 * @param tag score from which a message gets a subject prefix and a warning banner (default 5)
 * @param junk score from which it goes to the Junk mailbox (default 8)
 * @param quarantine score from which it is held out of every mailbox (default 10)
 * @param reject score from which it is refused with 550 5.7.1 (default 25); each threshold may be
 *     "off" (never), and they must not decrease in this order
 * @param subjectPrefix prefix added to the Subject of tagged mail (default "[SUSPICIOUS]")
 * @param vips people whose names attackers borrow most (executives, finance): each "Display Name"
 *     optionally followed by the addresses they really write from, "Jane Doe <jane@example.org>
 *     <jane.doe@gmail.com>"; their names weigh more than other colleagues'
 * @param neutralizeHtml recipient domains whose delivered copies have active HTML (scripts,
 *     forms, frames, event handlers) removed, the original being kept in quarantine (default none)
 * @param submittedAttachments refuse mail our users submit whose attachments alone reach the
 *     quarantine threshold (programs, macro documents ...); default true
 */
public record ThreatConfig(boolean enabled, double tag, double junk, double quarantine, double reject, String subjectPrefix,
        List<Vip> vips, List<String> neutralizeHtml, boolean submittedAttachments) {

    /** A configured VIP: a display name and the addresses that are really theirs (may be none). */
    public record Vip(String displayName, List<String> addresses) {
        public Vip {
            addresses = List.copyOf(addresses);
        }
    }

    public ThreatConfig {
        vips = List.copyOf(vips);
        neutralizeHtml = List.copyOf(neutralizeHtml);
    }

    static ThreatConfig from(Section s) throws ConfigException {
        double tag = threshold(s, "tag", 5);
        double junk = threshold(s, "junk", 8);
        double quarantine = threshold(s, "quarantine", 10);
        double reject = threshold(s, "reject", 25);
        if (junk < tag || quarantine < junk || reject < quarantine) {
            throw s.error(junk < tag ? "junk" : quarantine < junk ? "quarantine" : "reject",
                    "thresholds must not decrease: tag <= junk <= quarantine <= reject");
        }
        String prefix = s.string("subject_prefix", "[SUSPICIOUS]");
        if (prefix.indexOf('\r') >= 0 || prefix.indexOf('\n') >= 0 || prefix.length() > 100) {
            throw s.error("subject_prefix", "must be one line of at most 100 characters");
        }
        List<Vip> vips = new ArrayList<>();
        for (String v : s.strings("vips", List.of())) {
            vips.add(vip(s, v));
        }
        List<String> domains = new ArrayList<>();
        for (String d : s.strings("neutralize_html", List.of())) {
            String t = d.strip().toLowerCase(Locale.ROOT);
            if (!t.matches("[a-z0-9]([a-z0-9.-]{0,251}[a-z0-9])?")) {
                throw s.error("neutralize_html", "\"" + d + "\" is not a domain name");
            }
            domains.add(t);
        }
        return new ThreatConfig(s.bool("enabled", true), tag, junk, quarantine, reject, prefix, vips, domains,
                s.bool("submitted_attachments", true));
    }

    /** A score threshold: a positive number, or "off" for never. */
    private static double threshold(Section s, String key, double def) throws ConfigException {
        if (s.has(key) && s.isString(key)) {
            if (!s.string(key, "").equalsIgnoreCase("off")) {
                throw s.error(key, "must be a positive number or \"off\"");
            }
            return Double.POSITIVE_INFINITY;
        }
        double v = s.number(key, def);
        if (!(v > 0) || v > 1000) {
            throw s.error(key, "must be a number above 0 and at most 1000, or \"off\" (got " + v + ")");
        }
        return v;
    }

    /** "Name <a@x> <b@y>" or "Name <a@x>, b@y" or just "Name". */
    static Vip vip(Section s, String value) throws ConfigException {
        int lt = value.indexOf('<');
        String name = (lt < 0 ? value : value.substring(0, lt)).strip();
        if (name.endsWith(",")) {
            name = name.substring(0, name.length() - 1).strip();
        }
        if (name.startsWith("\"") && name.endsWith("\"") && name.length() >= 2) {
            name = name.substring(1, name.length() - 1).strip();
        }
        if (name.isEmpty() || name.contains("@")) {
            throw s.error("vips", "each entry is \"Display Name <address> ...\" (got \"" + value + "\")");
        }
        List<String> addresses = new ArrayList<>();
        if (lt >= 0) {
            for (String part : value.substring(lt).split("[<>,\\s]+")) {
                if (part.isEmpty()) {
                    continue;
                }
                if (!part.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
                    throw s.error("vips", "\"" + part + "\" in \"" + value + "\" is not an e-mail address");
                }
                addresses.add(part.toLowerCase(Locale.ROOT));
            }
        }
        return new Vip(name, addresses);
    }
}
