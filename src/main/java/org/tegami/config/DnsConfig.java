package org.tegami.config;

import java.time.Duration;
import java.util.List;

/**
 * [dns] — resolvers for MX/SPF/DKIM/DMARC/DNSBL lookups.
 *
 * @param servers "ip" or "ip:port" ("[v6]:port"); empty = the system's resolvers
 * @param timeout per-query timeout (default 5s)
 */
public record DnsConfig(List<String> servers, Duration timeout) {

    static DnsConfig from(Section s) throws ConfigException {
        List<String> servers = s.strings("servers", List.of());
        for (String server : servers) {
            try {
                org.tegami.dns.DnsjavaResolver.parseServer(server);
            } catch (IllegalArgumentException e) {
                throw s.error("servers", e.getMessage());
            }
        }
        return new DnsConfig(List.copyOf(servers), s.duration("timeout", Duration.ofSeconds(5)));
    }
}
