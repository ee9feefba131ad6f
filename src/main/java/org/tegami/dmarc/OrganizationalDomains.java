package org.tegami.dmarc;

import com.google.common.net.InternetDomainName;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.net.IDN;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Finds the Organizational Domain of a name (RFC 7489 §3.2): the public suffix plus one label.
 * Two sources of the Public Suffix List: Guava's bundled copy ({@link #guava()}, the default;
 * updated with the Guava dependency), or a PSL file ({@link #load}, e.g. a fresher
 * effective_tld_names.dat or a test snapshot). Both use the whole list, ICANN and private
 * sections, as OpenDMARC does.
 */
public interface OrganizationalDomains {

    /**
     * The organizational domain of {@code domain} (lower case, no trailing dot), or the
     * normalized name itself when it is a public suffix or not a valid domain name.
     */
    String of(String domain);

    /** Guava's public suffix list. */
    static OrganizationalDomains guava() {
        return domain -> {
            String d = normalize(domain);
            try {
                InternetDomainName n = InternetDomainName.from(d);
                return n.isUnderPublicSuffix() ? n.topPrivateDomain().toString() : d;
            } catch (IllegalArgumentException | IllegalStateException e) {
                return d;
            }
        };
    }

    /**
     * Reads a Public Suffix List file (publicsuffix.org format: one rule per line, "//"
     * comments, "*." wildcards, "!" exceptions). Unicode rules are also kept in their A-label
     * (punycode) form, so both spellings of a name match.
     */
    static OrganizationalDomains load(Reader psl) throws IOException {
        Set<String> rules = new HashSet<>();
        Set<String> wildcards = new HashSet<>();
        Set<String> exceptions = new HashSet<>();
        try (BufferedReader r = new BufferedReader(psl)) {
            String line;
            while ((line = r.readLine()) != null) {
                String rule = line.strip();
                int sp = rule.indexOf(' ');
                rule = sp < 0 ? rule : rule.substring(0, sp);
                if (rule.isEmpty() || rule.startsWith("//")) {
                    continue;
                }
                Set<String> target = rules;
                if (rule.startsWith("!")) {
                    target = exceptions;
                    rule = rule.substring(1);
                } else if (rule.startsWith("*.")) {
                    target = wildcards;
                    rule = rule.substring(2);
                }
                target.add(rule.toLowerCase(Locale.ROOT));
                try {
                    target.add(IDN.toASCII(rule, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    // not convertible: the Unicode form alone
                }
            }
        }
        return domain -> orgDomain(normalize(domain), rules, wildcards, exceptions);
    }

    /** The publicsuffix.org algorithm: longest matching rule, exceptions win, default rule "*". */
    private static String orgDomain(String d, Set<String> rules, Set<String> wildcards, Set<String> exceptions) {
        if (d.isEmpty()) {
            return d;
        }
        String[] labels = d.split("\\.");
        int suffixLabels = 1; // the implicit "*" rule
        for (int i = labels.length - 1; i >= 0; i--) {
            String candidate = String.join(".", java.util.Arrays.copyOfRange(labels, i, labels.length));
            int count = labels.length - i;
            if (exceptions.contains(candidate)) {
                suffixLabels = count - 1;
                break;
            }
            if (rules.contains(candidate)) {
                suffixLabels = Math.max(suffixLabels, count);
            }
            if (i > 0 && wildcards.contains(candidate)) {
                suffixLabels = Math.max(suffixLabels, count + 1);
            }
        }
        if (labels.length <= suffixLabels) {
            return d;
        }
        return String.join(".", java.util.Arrays.copyOfRange(labels, labels.length - suffixLabels - 1, labels.length));
    }

    /** Lower case, without leading/trailing dots. */
    static String normalize(String domain) {
        String d = domain == null ? "" : domain.strip().toLowerCase(Locale.ROOT);
        int a = 0;
        int b = d.length();
        while (a < b && d.charAt(a) == '.') {
            a++;
        }
        while (b > a && d.charAt(b - 1) == '.') {
            b--;
        }
        return d.substring(a, b);
    }
}
