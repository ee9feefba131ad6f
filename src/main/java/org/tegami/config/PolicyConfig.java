package org.tegami.config;

import java.util.List;

/**
 * [policy] — who may talk to the MX on port 25 (IP25B and friends). Submission ports are for end
 * users and are not subject to these checks.
 *
 * @param block CIDRs refused on port 25 (e.g. known abusers)
 * @param allow CIDRs never refused by the checks below (limits still apply)
 * @param dynamic CIDRs of dynamic/residential ranges: direct-to-MX from there is refused with
 *     advice to use submission (IP25B)
 * @param dnsbl DNSBL zones; a listed client gets 554 5.7.1 naming the zone
 * @param dnswl DNSWL zones; a listed client skips the DNSBL and FCrDNS checks
 * @param fcrdns forward-confirmed reverse DNS: "off", "record" (default: noted in Received:) or
 *     "enforce" (refused without it)
 * @param maxConnections connections on port 25 at once, from everyone (default 1000)
 * @param maxConnectionsPerIp from one address at once (default 50)
 * @param maxConnectionsPerNet from one /24 (IPv6 /64) at once (default 200)
 * @param connectionRatePerIp new connections per minute from one address; 0 = no limit (default)
 */
public record PolicyConfig(
        List<String> block,
        List<String> allow,
        List<String> dynamic,
        List<String> dnsbl,
        List<String> dnswl,
        String fcrdns,
        int maxConnections,
        int maxConnectionsPerIp,
        int maxConnectionsPerNet,
        int connectionRatePerIp) {

    static PolicyConfig from(Section s) throws ConfigException {
        List<String> block = cidrs(s, "block");
        List<String> allow = cidrs(s, "allow");
        List<String> dynamic = cidrs(s, "dynamic");
        List<String> dnsbl = zones(s, "dnsbl");
        List<String> dnswl = zones(s, "dnswl");
        return new PolicyConfig(block, allow, dynamic, dnsbl, dnswl,
                s.choice("fcrdns", "record", "off", "record", "enforce"),
                (int) s.integer("max_connections", 1000, 1, 1_000_000),
                (int) s.integer("max_connections_per_ip", 50, 1, 1_000_000),
                (int) s.integer("max_connections_per_net", 200, 1, 1_000_000),
                (int) s.integer("connection_rate_per_ip", 0, 0, 10_000_000));
    }

    private static List<String> cidrs(Section s, String key) throws ConfigException {
        List<String> list = s.strings(key, List.of());
        for (String c : list) {
            try {
                org.tegami.policy.Cidr.parse(c);
            } catch (IllegalArgumentException e) {
                throw s.error(key, "\"" + c + "\" is not an address or CIDR such as \"192.0.2.0/24\" or \"2001:db8::/32\"");
            }
        }
        return List.copyOf(list);
    }

    private static List<String> zones(Section s, String key) throws ConfigException {
        List<String> list = s.strings(key, List.of());
        for (String z : list) {
            if (!z.matches("[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?")) {
                throw s.error(key, "\"" + z + "\" is not a DNS zone name such as \"zen.spamhaus.org\"");
            }
        }
        return List.copyOf(list);
    }
}
