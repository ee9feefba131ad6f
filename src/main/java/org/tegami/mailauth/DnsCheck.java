package org.tegami.mailauth;

import java.net.InetAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.tegami.dkim.DkimKeyRecord;
import org.tegami.dmarc.DmarcRecord;
import org.tegami.dns.Lookup;
import org.tegami.dns.MxRecord;
import org.tegami.dns.Resolver;
import org.tegami.spf.SpfRecord;
import org.tegami.spf.SpfResult;
import org.tegami.spf.SpfVerifier;
import org.tegami.store.DkimKeyStore;

/**
 * `tegami dns check DOMAIN`: resolves what the domain publishes and compares it with what
 * {@link DnsRecords} says it should: MX to our host name, one valid SPF record that authorises
 * our addresses, each DKIM key we keep, a valid DMARC record with our report address.
 */
public final class DnsCheck {

    /** How a finding counts: problems make the command fail. */
    public enum Level {
        OK, NOTE, MISSING, WRONG, ERROR;

        public boolean problem() {
            return this == MISSING || this == WRONG || this == ERROR;
        }

        public String keyword() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** One line of the report: which record, and what is right or wrong with it. */
    public record Finding(Level level, String record, String message) {}

    private final Resolver resolver;
    private final Clock clock;

    public DnsCheck(Resolver resolver, Clock clock) {
        this.resolver = resolver;
        this.clock = clock;
    }

    public List<Finding> check(String domain, String hostname, List<DkimKeyStore.Key> keys, String reportAddress) {
        List<Finding> out = new ArrayList<>();
        String host = hostname.toLowerCase(Locale.ROOT);
        mx(domain, host, out);
        spf(domain, host, out);
        if (host.endsWith("." + domain)) {
            heloSpf(host, out);
        }
        dkim(domain, keys, out);
        dmarc(domain, reportAddress, out);
        return out;
    }

    private void mx(String domain, String host, List<Finding> out) {
        Lookup<MxRecord> mx = resolver.mx(domain);
        if (mx.isTempfail()) {
            out.add(new Finding(Level.ERROR, "MX", "DNS failure looking up the MX of " + domain));
        } else if (!mx.isOk()) {
            out.add(new Finding(Level.MISSING, "MX", domain + " has no MX record; publish " + domain + ". MX 10 " + host + "."));
        } else if (mx.records().stream().anyMatch(r -> r.host().equalsIgnoreCase(host))) {
            out.add(new Finding(Level.OK, "MX", domain + " MX points to " + host));
        } else {
            out.add(new Finding(Level.WRONG, "MX", domain + " MX points to "
                    + String.join(", ", mx.records().stream().map(MxRecord::host).toList()) + ", not to " + host));
        }
    }

    private void spf(String domain, String host, List<Finding> out) {
        SpfRecord rec = spfRecord(domain, "SPF", out);
        if (rec == null) {
            return;
        }
        List<InetAddress> ours = new ArrayList<>(resolver.a(host).records());
        ours.addAll(resolver.aaaa(host).records());
        if (ours.isEmpty()) {
            out.add(new Finding(Level.NOTE, "SPF", "\"" + rec.text() + "\" is valid; " + host
                    + " has no address, so whether it authorises this server cannot be checked"));
            return;
        }
        SpfVerifier spf = new SpfVerifier(resolver, clock, host);
        for (InetAddress ip : ours) {
            SpfResult r = spf.check(ip, "postmaster@" + domain, host);
            String who = ip.getHostAddress() + " (" + host + ")";
            out.add(r.result() == SpfResult.Result.PASS
                    ? new Finding(Level.OK, "SPF", "\"" + rec.text() + "\" authorises " + who)
                    : new Finding(r.result() == SpfResult.Result.TEMPERROR ? Level.ERROR : Level.WRONG, "SPF",
                            "\"" + rec.text() + "\" gives " + r.result().keyword() + " for " + who + ": " + r.reason()));
        }
    }

    private void heloSpf(String host, List<Finding> out) {
        SpfRecord rec = spfRecordQuiet(host);
        out.add(rec != null ? new Finding(Level.OK, "SPF", host + " (HELO) publishes \"" + rec.text() + "\"")
                : new Finding(Level.NOTE, "SPF", host + " (HELO name) has no SPF record; bounces are checked against it:"
                        + " publish " + host + ". TXT \"" + DnsRecords.HELO_SPF + "\""));
    }

    /** The one valid SPF record of a name, or null with a finding saying why not. */
    private SpfRecord spfRecord(String name, String label, List<Finding> out) {
        Lookup<String> txt = resolver.txt(name);
        if (txt.isTempfail()) {
            out.add(new Finding(Level.ERROR, label, "DNS failure looking up TXT of " + name));
            return null;
        }
        List<String> spf = txt.records().stream().filter(SpfRecord::isSpf).toList();
        if (spf.isEmpty()) {
            out.add(new Finding(Level.MISSING, label, name + " has no SPF record; publish " + name + ". TXT \""
                    + DnsRecords.SPF + "\""));
            return null;
        }
        if (spf.size() > 1) {
            out.add(new Finding(Level.WRONG, label, name + " publishes " + spf.size()
                    + " SPF records; receivers treat that as permerror (RFC 7208 §4.5)"));
            return null;
        }
        return switch (SpfRecord.parse(spf.get(0))) {
            case SpfRecord.Valid v -> v.record();
            case SpfRecord.Invalid inv -> {
                out.add(new Finding(Level.WRONG, label, "\"" + spf.get(0) + "\" is invalid: " + inv.reason()));
                yield null;
            }
        };
    }

    private SpfRecord spfRecordQuiet(String name) {
        return spfRecord(name, "SPF", new ArrayList<>());
    }

    private void dkim(String domain, List<DkimKeyStore.Key> keys, List<Finding> out) {
        if (keys.isEmpty()) {
            out.add(new Finding(Level.MISSING, "DKIM", "no DKIM key for " + domain + ": run tegami dkim keygen " + domain));
            return;
        }
        for (DkimKeyStore.Key k : keys) {
            String name = k.selector() + "._domainkey." + domain;
            String what = name + " (" + k.algorithm() + ", " + k.state().keyword() + ")";
            Lookup<String> txt = resolver.txt(name);
            if (txt.isTempfail()) {
                out.add(new Finding(Level.ERROR, "DKIM", "DNS failure looking up " + what));
            } else if (txt.records().isEmpty()) {
                out.add(k.state() == DkimKeyStore.State.RETIRED
                        ? new Finding(Level.NOTE, "DKIM", what + " is no longer published; remove it with tegami dkim remove "
                                + domain + " " + k.selector())
                        : new Finding(Level.MISSING, "DKIM", what + " is not published"));
            } else if (txt.records().stream().anyMatch(t -> sameKey(t, k.publicTxt()))) {
                out.add(new Finding(Level.OK, "DKIM", what + " is published"));
            } else {
                out.add(new Finding(Level.WRONG, "DKIM", what + " publishes another key than ours"));
            }
        }
    }

    private static boolean sameKey(String published, String ours) {
        if (DkimKeyRecord.parse(published) instanceof DkimKeyRecord.Valid p
                && DkimKeyRecord.parse(ours) instanceof DkimKeyRecord.Valid o) {
            return Arrays.equals(p.key().publicKey().getEncoded(), o.key().publicKey().getEncoded());
        }
        return false;
    }

    private void dmarc(String domain, String reportAddress, List<Finding> out) {
        String name = "_dmarc." + domain;
        Lookup<String> txt = resolver.txt(name);
        if (txt.isTempfail()) {
            out.add(new Finding(Level.ERROR, "DMARC", "DNS failure looking up TXT of " + name));
            return;
        }
        List<String> recs = txt.records().stream().filter(DmarcRecord::isDmarc).toList();
        if (recs.size() != 1) {
            out.add(recs.isEmpty()
                    ? new Finding(Level.MISSING, "DMARC", name + " has no DMARC record; publish " + name + ". TXT \""
                            + DnsRecords.dmarc(domain, "quarantine", reportAddress) + "\"")
                    : new Finding(Level.WRONG, "DMARC", name + " publishes " + recs.size() + " DMARC records (RFC 7489 §6.6.3: none is used)"));
            return;
        }
        switch (DmarcRecord.parse(recs.get(0))) {
            case DmarcRecord.Invalid inv -> out.add(new Finding(Level.WRONG, "DMARC", "\"" + recs.get(0) + "\" is unusable: " + inv.reason()));
            case DmarcRecord.Valid v -> {
                DmarcRecord r = v.record();
                out.add(new Finding(r.policy() == DmarcRecord.Policy.NONE ? Level.NOTE : Level.OK, "DMARC",
                        "\"" + recs.get(0) + "\": p=" + r.policy().keyword()
                                + (r.policy() == DmarcRecord.Policy.NONE ? " (failures are only reported, not acted on)" : "")));
                String ours = (reportAddress + "@" + domain).toLowerCase(Locale.ROOT);
                boolean toUs = r.rua().stream().anyMatch(u -> ours.equalsIgnoreCase(u.mailAddress()));
                out.add(toUs ? new Finding(Level.OK, "DMARC", "aggregate reports go to " + ours)
                        : new Finding(Level.NOTE, "DMARC", "rua= does not include mailto:" + ours
                                + "; tegami dmarc summary only sees reports sent there"));
            }
        }
    }
}
