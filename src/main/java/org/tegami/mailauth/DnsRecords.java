package org.tegami.mailauth;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.tegami.dkim.DkimKeys;
import org.tegami.store.DkimKeyStore;

/**
 * The DNS records a domain hosted here should publish, as zone-file lines (RFC 1035 §5.1), one
 * record per line: MX to our host name, SPF, an SPF record for the host name itself when it lies
 * inside the domain (the HELO identity, RFC 7208 §2.3, which is what bounces are checked
 * against), one DKIM key record per selector we keep (active, standby and retired keys until
 * `tegami dkim remove`), and DMARC with rua= to our report address.
 */
public final class DnsRecords {

    /** TTL of every record printed. */
    public static final int TTL = 3600;
    /** RFC 7208 §5.4: "mx" authorises the hosts our MX record names, i.e. this server. */
    public static final String SPF = "v=spf1 mx -all";
    /** For the host name: its own addresses (RFC 7208 §5.3). */
    public static final String HELO_SPF = "v=spf1 a -all";

    private DnsRecords() {}

    /**
     * @param policy the DMARC p= to suggest: none, quarantine or reject
     * @param reportAddress the local part of the rua= address
     */
    public static List<String> lines(String domain, String hostname, List<DkimKeyStore.Key> keys, String policy,
            String reportAddress) {
        String d = fqdn(domain);
        String host = hostname.toLowerCase(Locale.ROOT);
        List<String> out = new ArrayList<>();
        out.add(d + " " + TTL + " IN MX 10 " + fqdn(host));
        out.add(d + " " + TTL + " IN TXT " + quoted(SPF));
        if (host.endsWith("." + domain)) {
            out.add(fqdn(host) + " " + TTL + " IN TXT " + quoted(HELO_SPF));
        }
        for (DkimKeyStore.Key k : keys) {
            out.add(DkimKeys.zoneFileLine(k.selector(), domain, k.publicTxt(), TTL));
        }
        out.add("_dmarc." + d + " " + TTL + " IN TXT " + quoted(dmarc(domain, policy, reportAddress)));
        return out;
    }

    /** RFC 7489 §6.3: the record we suggest, with aggregate reports to our report address. */
    public static String dmarc(String domain, String policy, String reportAddress) {
        return "v=DMARC1; p=" + policy + "; rua=mailto:" + reportAddress + "@" + domain;
    }

    static String fqdn(String name) {
        return name.endsWith(".") ? name : name + ".";
    }

    /** One or more quoted character-strings of at most 255 octets (RFC 1035 §3.3.14). */
    static String quoted(String value) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < value.length(); i += 255) {
            parts.add("\"" + value.substring(i, Math.min(value.length(), i + 255)) + "\"");
        }
        return String.join(" ", parts);
    }
}
