package org.tegami.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tegami.dkim.DkimKeyRecord;
import org.tegami.dmarc.AggregateReportXml;
import org.tegami.testing.Cli;
import org.tegami.testing.Conformance;
import org.tegami.testing.Dnsmasq;
import org.tegami.testing.SmtpTestClient;
import org.tegami.testing.TestServer;

/** `tegami dkim`, `tegami dns` and `tegami dmarc` as an administrator types them. */
class MailAuthCommandsTest {

    private Path data;

    @BeforeEach
    void setUp() throws Exception {
        data = Files.createTempDirectory("tegami-auth-cli");
    }

    @AfterEach
    void tearDown() {
        org.tegami.testing.Instances.deleteRecursively(data);
    }

    private Cli.Run tegami(String... args) {
        String[] full = new String[args.length + 2];
        System.arraycopy(args, 0, full, 0, args.length);
        full[args.length] = "--data";
        full[args.length + 1] = data.toString();
        return Cli.run(full);
    }

    @Test
    void keygenListRecordsRemove() throws Exception {
        assertThat(tegami("domain", "add", "example.test").code()).isZero();
        String month = DateTimeFormatter.ofPattern("yyyyMM").format(ZonedDateTime.now(ZoneOffset.UTC));
        Cli.Run both = tegami("dkim", "keygen", "example.test");
        assertThat(both.code()).as(both.err()).isZero();
        assertThat(both.lines()).hasSize(2);
        assertThat(both.lines().get(0)).startsWith(month + "r._domainkey.example.test. 3600 IN TXT \"v=DKIM1; k=rsa; p=MIIB");
        assertThat(both.lines().get(1)).matches(month + "e\\._domainkey\\.example\\.test\\. 3600 IN TXT \"v=DKIM1; k=ed25519; p=[A-Za-z0-9+/]{43}=\"");

        Cli.Run s1 = tegami("dkim", "keygen", "example.test", "--selector", "s1", "--algorithm", "rsa");
        assertThat(s1.code()).as(s1.err()).isZero();
        String line = s1.out().strip();
        // an RSA-2048 record is longer than 255 octets: several quoted strings on one line
        assertThat(line).matches("s1\\._domainkey\\.example\\.test\\. 3600 IN TXT \"v=DKIM1; k=rsa; p=MIIB[^\"]+\"( \"[^\"]+\")+");
        assertThat(DkimKeyRecord.parse(Dnsmasq.fromZoneLines(List.of(line)).get(0).replaceFirst("^--txt-record=[^,]+,", "")))
                .isInstanceOf(DkimKeyRecord.Valid.class);

        Cli.Run list = tegami("dkim", "list");
        assertThat(list.out()).contains("example.test\ts1\trsa-sha256\tactive")
                .contains("example.test\t" + month + "r\trsa-sha256\tretired")
                .contains("example.test\t" + month + "e\ted25519-sha256\tactive").endsWith("3 key(s)\n");
        assertThat(tegami("dkim", "list", "other.test").out()).isEqualTo("0 key(s)\n");

        Cli.Run records = tegami("dns", "records", "example.test", "--hostname", "mx.example.test");
        assertThat(records.code()).isZero();
        assertThat(records.lines()).hasSize(7);
        assertThat(records.lines().get(0)).isEqualTo("example.test. 3600 IN MX 10 mx.example.test.");
        assertThat(records.lines().get(1)).isEqualTo("example.test. 3600 IN TXT \"v=spf1 mx -all\"");
        assertThat(records.lines().get(2)).isEqualTo("mx.example.test. 3600 IN TXT \"v=spf1 a -all\"");
        assertThat(records.lines()).filteredOn(l -> l.contains("._domainkey.")).hasSize(3)
                .anyMatch(l -> l.startsWith("s1._domainkey.example.test. 3600 IN TXT"))
                .anyMatch(l -> l.startsWith(month + "r._domainkey.example.test. "));
        assertThat(records.lines().get(6)).isEqualTo(
                "_dmarc.example.test. 3600 IN TXT \"v=DMARC1; p=quarantine; rua=mailto:dmarc-reports@example.test\"");

        assertThat(tegami("dkim", "remove", "example.test", month + "r").code()).isZero();
        assertThat(tegami("dns", "records", "example.test", "--hostname", "mx.example.test").out())
                .doesNotContain(month + "r._domainkey").contains("s1._domainkey");
        Cli.Run again = tegami("dkim", "remove", "example.test", month + "r");
        assertThat(again.code()).isEqualTo(1);
        assertThat(again.err()).contains("no DKIM key " + month + "r for example.test");
    }

    @Test
    void privateKeysAreSealedAtRest() throws Exception {
        tegami("dkim", "keygen", "example.test", "--selector", "k1", "--algorithm", "ed25519");
        Path sealing = data.resolve("seal.key");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(sealing))).isEqualTo("rw-------");
        StringBuilder text = new StringBuilder(); // the database and its write-ahead log
        for (String f : List.of("tegami.db", "tegami.db-wal")) {
            if (Files.exists(data.resolve(f))) {
                text.append(new String(Files.readAllBytes(data.resolve(f)), StandardCharsets.ISO_8859_1));
            }
        }
        assertThat(text.toString()).contains("v=DKIM1; k=ed25519").doesNotContain("PRIVATE KEY").doesNotContain("MC4CAQAwBQYDK2Vw");
        // the server signs with it: it unseals with the same sealing key
        try (var store = new org.tegami.store.sqlite.SqliteStore(data)) {
            var keyring = org.tegami.mailauth.DkimKeyring.open(
                    new org.tegami.store.sqlite.SqliteDkimKeyStore(store.database()), data, java.time.Clock.systemUTC());
            assertThat(keyring.signingKeys("example.test")).hasSize(1);
        }
    }

    @Test
    void keygenRefusesWhatItCannotDo() {
        Cli.Run noAlg = tegami("dkim", "keygen", "example.test", "--selector", "s1");
        assertThat(noAlg.code()).isEqualTo(2);
        assertThat(noAlg.err()).contains("--algorithm");
        Cli.Run badAlg = tegami("dkim", "keygen", "example.test", "--algorithm", "dsa");
        assertThat(badAlg.code()).isEqualTo(2);
        assertThat(badAlg.err()).contains("rsa or ed25519");
        Cli.Run badSel = tegami("dkim", "keygen", "example.test", "--selector", "bad_selector!", "--algorithm", "rsa");
        assertThat(badSel.code()).isEqualTo(2);
        assertThat(badSel.err()).contains("invalid selector");
        tegami("dkim", "keygen", "example.test", "--selector", "s1", "--algorithm", "rsa");
        Cli.Run dup = tegami("dkim", "keygen", "example.test", "--selector", "s1", "--algorithm", "ed25519");
        assertThat(dup.code()).isNotZero();
        assertThat(dup.err()).contains("selector s1 exists already for example.test");
        assertThat(tegami("dkim", "remove", "example.test", "nope").code()).isEqualTo(1);
    }

    @Test
    void standbyKeyIsPublishedButSignsOnlyAfterActivate() throws Exception {
        tegami("dkim", "keygen", "example.test", "--selector", "old", "--algorithm", "rsa");
        tegami("dkim", "keygen", "example.test", "--selector", "new", "--algorithm", "rsa", "--standby");
        assertThat(tegami("dkim", "list").out()).contains("\told\trsa-sha256\tactive").contains("\tnew\trsa-sha256\tstandby");
        assertThat(tegami("dns", "records", "example.test", "--hostname", "mx.example.test").out())
                .contains("old._domainkey").contains("new._domainkey");
        assertThat(tegami("dkim", "activate", "example.test", "new").code()).isZero();
        assertThat(tegami("dkim", "list").out()).contains("\tnew\trsa-sha256\tactive").contains("\told\trsa-sha256\tretired");
    }

    @Test
    void dnsCheckSaysWhatIsMissingOrWrong() throws Exception {
        tegami("domain", "add", "example.test");
        tegami("dkim", "keygen", "example.test");
        Path toml = data.resolve("t.toml");
        List<String> published = new ArrayList<>(tegami("dns", "records", "example.test", "--hostname", "mx.example.test").lines());
        published.add("mx.example.test. 3600 IN A 127.0.0.1");
        try (Dnsmasq dns = new Dnsmasq(withLocal(Dnsmasq.fromZoneLines(published)))) {
            Files.writeString(toml, "[server]\nhostname = \"mx.example.test\"\n[dns]\nservers = [\"" + dns.server() + "\"]\n");
            Cli.Run ok = tegami("dns", "check", "example.test", "--config", toml.toString());
            assertThat(ok.code()).as(ok.out()).isZero();
            assertThat(ok.out()).contains("ok       MX     example.test MX points to mx.example.test")
                    .contains("ok       SPF    \"v=spf1 mx -all\" authorises 127.0.0.1 (mx.example.test)")
                    .contains("ok       DMARC  aggregate reports go to dmarc-reports@example.test")
                    .endsWith("all records of example.test are in place\n");
            assertThat(ok.lines()).filteredOn(l -> l.startsWith("ok       DKIM")).hasSize(2);
        }
        // now: the DMARC record is gone, SPF does not authorise us, one DKIM record holds another key
        List<String> broken = new ArrayList<>();
        for (String l : published) {
            if (l.startsWith("_dmarc.")) {
                continue;
            }
            if (l.contains("k=ed25519")) {
                l = l.replaceAll("p=[A-Za-z0-9+/=]+", "p=11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=");
            }
            broken.add(l.replace("v=spf1 mx -all", "v=spf1 ip4:192.0.2.1 -all"));
        }
        try (Dnsmasq dns = new Dnsmasq(withLocal(Dnsmasq.fromZoneLines(broken)))) {
            Files.writeString(toml, "[server]\nhostname = \"mx.example.test\"\n[dns]\nservers = [\"" + dns.server() + "\"]\n");
            Cli.Run bad = tegami("dns", "check", "example.test", "--config", toml.toString());
            assertThat(bad.code()).isEqualTo(1);
            assertThat(bad.out()).contains("missing  DMARC  _dmarc.example.test has no DMARC record")
                    .contains("wrong    SPF    \"v=spf1 ip4:192.0.2.1 -all\" gives fail for 127.0.0.1")
                    .containsPattern("wrong    DKIM   \\d{6}e\\._domainkey\\.example\\.test \\(ed25519-sha256, active\\) publishes another key")
                    .containsPattern("ok       DKIM   \\d{6}r\\._domainkey")
                    .endsWith("3 problem(s) with the records of example.test\n");
        }
    }

    private static List<String> withLocal(List<String> options) {
        List<String> o = new ArrayList<>(options);
        o.add(Dnsmasq.localZone("test"));
        return o;
    }

    @Test
    void summaryOfReportsMailedToTheReportAddress() throws Exception {
        Path dir = Conformance.dir("dmarc").resolve("aggregate-reports");
        TestServer s = TestServer.start("", "mx.example.test", new org.tegami.dns.InMemoryResolver(), data);
        try {
            s.admin.addDomain("example.com"); // the reports are about example.com; no account needed
            send(s, "126.com", "good.com!example.com!1337270400!1337356799.xml", Files.readAllBytes(dir.resolve(
                    "good.com!example.com!1337270400!1337356799.xml")), "gzip");
            send(s, "yeah.net", "yeah.net!example.com!1337270400!1337356799.20120518.xml", Files.readAllBytes(dir.resolve(
                    "yeah.net!example.com!1337270400!1337356799.20120518.xml")), "zip");
            // the same report again is not counted twice
            send(s, "126.com", "again.xml", Files.readAllBytes(dir.resolve("good.com!example.com!1337270400!1337356799.xml")), "xml");
        } finally {
            s.close();
        }
        Cli.Run sum = tegami("dmarc", "summary", "example.com", "--days", "0");
        assertThat(sum.code()).as(sum.err()).isZero();
        assertThat(sum.out()).contains("2 report(s) from 2 reporter(s)").contains("reporter 126.com").contains("reporter yeah.net")
                .containsPattern("source 116\\.233\\.121\\.204 +messages +29 +dmarc pass +0 fail +29 .*disposition reject=29")
                .containsPattern("source 65\\.55\\.90\\.228 +messages +3 +dmarc pass +3 fail +0")
                .contains("(2 report(s) arrived unauthenticated)");
        assertThat(tegami("dmarc", "summary", "example.org", "--days", "0").out()).contains(": 0 report(s)");
    }

    /** Mails a report to dmarc-reports@example.com (no such account: the server takes it itself). */
    private static void send(TestServer s, String reporter, String name, byte[] xml, String how) throws Exception {
        byte[] attachment;
        String type;
        switch (how) {
            case "gzip" -> {
                attachment = AggregateReportXml.gzip(new String(xml, StandardCharsets.UTF_8));
                type = "application/gzip";
                name = name + ".gz";
            }
            case "zip" -> {
                var out = new java.io.ByteArrayOutputStream();
                try (var zip = new java.util.zip.ZipOutputStream(out)) {
                    zip.putNextEntry(new java.util.zip.ZipEntry(name));
                    zip.write(xml);
                }
                attachment = out.toByteArray();
                type = "application/zip";
                name = name.replace(".xml", ".zip");
            }
            default -> {
                attachment = xml;
                type = "text/xml";
            }
        }
        String msg = "From: noreply-dmarc@" + reporter + "\r\nTo: dmarc-reports@example.com\r\nSubject: Report Domain: example.com\r\n"
                + "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=b1\r\n\r\n--b1\r\nContent-Type: text/plain\r\n\r\n"
                + "report\r\n--b1\r\nContent-Type: " + type + "; name=\"" + name + "\"\r\nContent-Transfer-Encoding: base64\r\n"
                + "Content-Disposition: attachment; filename=\"" + name + "\"\r\n\r\n"
                + Base64.getMimeEncoder().encodeToString(attachment) + "\r\n--b1--\r\n";
        try (SmtpTestClient c = new SmtpTestClient(s.port("smtp"))) {
            c.read();
            c.cmd("EHLO mail." + reporter);
            assertThat(c.cmd("MAIL FROM:<noreply-dmarc@" + reporter + ">").code()).isEqualTo(250);
            assertThat(c.cmd("RCPT TO:<dmarc-reports@example.com>").code()).isEqualTo(250);
            assertThat(c.cmd("DATA").code()).isEqualTo(354);
            c.send(msg);
            assertThat(c.cmd(".").code()).isEqualTo(250);
        }
    }
}
