package org.tegami.dmarc;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tegami.mime.Address;
import org.tegami.mime.AddressParser;
import org.tegami.mime.HeaderField;

/**
 * The RFC5322.From domain that DMARC authenticates (RFC 7489 §3.1, §6.6.1).
 *
 * @param status what was found
 * @param domain the author domain (lower case), or null unless status is OK or MULTIPLE_DOMAINS
 * @param domains every distinct domain in the From field(s)
 */
public record FromDomain(Status status, String domain, List<String> domains) {

    public enum Status {
        /** One From field whose mailboxes share one domain. */
        OK,
        /** No From field: DMARC cannot be applied (RFC 7489 §6.6.1). */
        NO_FROM,
        /** More than one From field (RFC 5322 allows one; RFC 7489 §6.6.1 suggests rejecting). */
        MULTIPLE_FROM,
        /** One From field naming mailboxes in several domains; {@link #domain()} is the first. */
        MULTIPLE_DOMAINS,
        /** A From field without any usable address. */
        NO_DOMAIN
    }

    private static final Pattern FALLBACK = Pattern.compile("@([A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?)\\s*>?");

    /** Examines the From field(s) of a message's header. */
    public static FromDomain of(List<HeaderField> header) {
        List<HeaderField> from = header.stream().filter(f -> f.is("From")).toList();
        if (from.isEmpty()) {
            return new FromDomain(Status.NO_FROM, null, List.of());
        }
        FromDomain first = ofValue(from.get(0).value());
        if (from.size() > 1) {
            Set<String> all = new LinkedHashSet<>(first.domains());
            for (HeaderField f : from.subList(1, from.size())) {
                all.addAll(ofValue(f.value()).domains());
            }
            return new FromDomain(Status.MULTIPLE_FROM, first.domain(), List.copyOf(all));
        }
        return first;
    }

    /**
     * The domain(s) of one From field value: the first mailbox decides {@link #domain()}.
     * Tolerates the damage OpenDMARC's test table shows (a stray "From:" inside the value,
     * unbalanced angle brackets) by falling back to the last "@domain" before a '>'.
     */
    public static FromDomain ofValue(String value) {
        String v = value == null ? "" : value.strip();
        if (v.regionMatches(true, 0, "From:", 0, 5)) {
            v = v.substring(5);
        }
        Set<String> domains = new LinkedHashSet<>();
        for (Address a : AddressParser.parseList(v)) {
            if (a.address() != null && isDomain(a.host())) {
                domains.add(ascii(a.host()));
            }
        }
        if (domains.isEmpty()) {
            Matcher m = FALLBACK.matcher(v);
            String last = null;
            while (m.find()) {
                last = m.group(1);
            }
            if (last != null && isDomain(last)) {
                domains.add(ascii(last));
            }
        }
        if (domains.isEmpty()) {
            return new FromDomain(Status.NO_DOMAIN, null, List.of());
        }
        List<String> all = List.copyOf(domains);
        return new FromDomain(all.size() == 1 ? Status.OK : Status.MULTIPLE_DOMAINS, all.get(0), all);
    }

    /** Lower case A-labels (RFC 5890), so an EAI From domain can be looked up in DNS. */
    private static String ascii(String host) {
        String h = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        try {
            return java.net.IDN.toASCII(h, java.net.IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return h.toLowerCase(Locale.ROOT);
        }
    }

    private static boolean isDomain(String host) {
        if (host == null || host.isEmpty() || host.startsWith("[") || host.length() > 253) {
            return false;
        }
        String h = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        for (String label : h.split("\\.", -1)) {
            if (label.isEmpty() || label.length() > 63) {
                return false;
            }
        }
        return true;
    }
}
