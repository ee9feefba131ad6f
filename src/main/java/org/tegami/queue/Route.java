package org.tegami.queue;

import java.net.InetSocketAddress;
import java.util.List;

/** Where mail for one destination goes, or why it cannot go anywhere. */
sealed interface Route {

    /** One host to try: its name (for TLS and DSNs) and its addresses, in the order to try them. */
    record Host(String name, List<InetSocketAddress> addresses) {
        public Host {
            addresses = List.copyOf(addresses);
        }
    }

    /** Hosts in preference order (RFC 5321 §5.1). */
    record Hosts(List<Host> hosts) implements Route {
        public Hosts {
            hosts = List.copyOf(hosts);
        }
    }

    /**
     * No way to deliver now or ever.
     *
     * @param permanent bounce at once (null MX, no such domain) rather than retry (DNS timeout)
     * @param status RFC 3463 code for the DSN
     */
    record Failure(boolean permanent, String status, String text) implements Route {}
}
