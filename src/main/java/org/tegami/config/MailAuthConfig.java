package org.tegami.config;

import com.google.common.net.InetAddresses;
import java.util.List;
import java.util.Locale;

/**
 * [mail_auth] — SPF, DKIM and DMARC on mail received on port 25, and DKIM signing of our mail.
 *
 * @param verify check SPF (MAIL FROM and HELO), DKIM and DMARC on every message received on port
 *     25 and add Authentication-Results (default true; false is for measuring their cost)
 * @param sign DKIM-sign mail from local domains leaving through submission or the queue, with the
 *     keys of `tegami dkim keygen` (default true)
 * @param spfFailReject reject (550 5.7.23) a message whose SPF result is fail and that does not
 *     pass DMARC; RFC 7208 §8.4 allows it, RFC 7489 §10.1 advises letting DMARC decide (default
 *     false: key {@code spf_fail = "accept" | "reject"})
 * @param temperrorDefer answer 451 4.4.3 when a DNS failure leaves the result open; otherwise
 *     accept and record temperror (default false: key {@code temperror = "accept" | "defer"})
 * @param receivedSpf also add a Received-SPF field (RFC 7208 §9.1) (default false)
 * @param trustedForwarders hosts whose DMARC failures are not acted on (RFC 7489 §7.2.1.1
 *     "trusted_forwarder"): IP addresses, CIDR blocks ("192.0.2.0/24", "2001:db8::/32") or
 *     domains (matched against a passing DKIM d=, SPF MAIL FROM or HELO domain, subdomains
 *     included) (default none)
 */
public record MailAuthConfig(boolean verify, boolean sign, boolean spfFailReject, boolean temperrorDefer,
        boolean receivedSpf, List<String> trustedForwarders) {

    public MailAuthConfig {
        trustedForwarders = List.copyOf(trustedForwarders);
    }

    static MailAuthConfig from(Section s) throws ConfigException {
        List<String> forwarders = s.strings("trusted_forwarders", List.of());
        for (String f : forwarders) {
            if (!validForwarder(f)) {
                throw s.error("trusted_forwarders", "\"" + f + "\" is neither an IP address, a CIDR block"
                        + " (192.0.2.0/24) nor a domain name");
            }
        }
        return new MailAuthConfig(
                s.bool("verify", true),
                s.bool("sign", true),
                s.choice("spf_fail", "accept", "accept", "reject").equals("reject"),
                s.choice("temperror", "accept", "accept", "defer").equals("defer"),
                s.bool("received_spf", false),
                forwarders.stream().map(f -> f.strip().toLowerCase(Locale.ROOT)).toList());
    }

    /** An address, a CIDR block with a prefix that fits the address family, or a domain name. */
    static boolean validForwarder(String entry) {
        String e = entry.strip();
        int slash = e.indexOf('/');
        String addr = slash < 0 ? e : e.substring(0, slash);
        if (InetAddresses.isInetAddress(addr)) {
            if (slash < 0) {
                return true;
            }
            int bits = InetAddresses.forString(addr).getAddress().length * 8;
            try {
                int prefix = Integer.parseInt(e.substring(slash + 1));
                return prefix >= 0 && prefix <= bits;
            } catch (NumberFormatException x) {
                return false;
            }
        }
        return slash < 0 && e.matches("(?i)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z0-9-]{2,63}\\.?");
    }
}
