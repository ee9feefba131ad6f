package org.tegami.config;

/**
 * [server] — identity and listening. Command-line flags (--hostname, --bind, --port-offset) win
 * over these keys.
 *
 * @param hostname name in greetings, Received: and Authentication-Results (default: this host's name)
 * @param bind address to listen on and to send from; null = all addresses
 * @param portOffset added to every port (tests, non-root users); default 0
 */
public record ServerConfig(String hostname, String bind, int portOffset) {

    static ServerConfig from(Section s) throws ConfigException {
        String hostname = s.string("hostname", null);
        if (hostname != null && !hostname.matches("[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?")) {
            throw s.error("hostname", "must be a host name such as \"mail.example.org\"");
        }
        String bind = s.string("bind", null);
        if (bind != null && !com.google.common.net.InetAddresses.isInetAddress(bind)) {
            throw s.error("bind", "must be an IP address such as \"127.0.0.1\" or \"::1\"");
        }
        int offset = (int) s.integer("port_offset", 0, 0, 60000);
        return new ServerConfig(hostname, bind, offset);
    }
}
