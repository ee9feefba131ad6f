package org.tegami.config;

/**
 * [ports] — the standard port of each service; 0 disables the service. --port-offset is added to
 * every non-zero port.
 */
public record PortsConfig(int smtp, int submission, int submissions, int imap, int imaps, int pop3, int pop3s) {

    public static final PortsConfig DEFAULT = new PortsConfig(25, 587, 465, 143, 993, 110, 995);

    static PortsConfig from(Section s) throws ConfigException {
        return new PortsConfig(
                port(s, "smtp", DEFAULT.smtp),
                port(s, "submission", DEFAULT.submission),
                port(s, "submissions", DEFAULT.submissions),
                port(s, "imap", DEFAULT.imap),
                port(s, "imaps", DEFAULT.imaps),
                port(s, "pop3", DEFAULT.pop3),
                port(s, "pop3s", DEFAULT.pop3s));
    }

    private static int port(Section s, String key, int def) throws ConfigException {
        return (int) s.integer(key, def, 0, 65535);
    }
}
