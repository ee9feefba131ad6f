package org.tegami.config;

/**
 * [dmarc] — DMARC reporting (RFC 7489 §7.2): aggregate reports we send about mail we received,
 * and the address where other receivers send theirs about our domains.
 *
 * @param reports send aggregate reports once a day to the rua= addresses of the domains whose mail
 *     we evaluated (default true)
 * @param reportAddress local part of the report address of every local domain (default
 *     "dmarc-reports"): `tegami dns records` publishes rua=mailto:dmarc-reports@DOMAIN, the server
 *     accepts mail to it even without an account and records the reports it carries (shown by
 *     `tegami dmarc summary`), and our own reports are sent from it
 * @param orgName org_name in the reports we send (default: the server's host name)
 */
public record DmarcConfig(boolean reports, String reportAddress, String orgName) {

    static DmarcConfig from(Section s) throws ConfigException {
        String local = s.string("report_address", "dmarc-reports");
        if (!local.matches("[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*") || local.length() > 64) {
            throw s.error("report_address", "must be the local part of an address (the part before @), e.g. \"dmarc-reports\"");
        }
        String org = s.string("org_name", null);
        if (org != null && (org.isBlank() || org.chars().anyMatch(c -> c < 0x20 || c == 0x7f))) {
            throw s.error("org_name", "must be a non-empty name without control characters");
        }
        return new DmarcConfig(s.bool("reports", true), local.toLowerCase(java.util.Locale.ROOT), org);
    }
}
