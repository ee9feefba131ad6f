package org.tegami.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tegami.store.CorrespondentStore;
import org.tegami.store.sqlite.SqliteStore;
import org.tegami.testing.ThreatSamples;
import org.tegami.threat.corpus.Eml;
import org.yaml.snakeyaml.Yaml;

/**
 * The contract of {@code tegami analyze FILE [--json] [--recipient-domain D] --data DIR}: one JSON
 * object with action, score and findings [{id, weight, explanation}]; the domains and people of
 * DIR (as recorded by {@code tegami user add --name}); Authentication-Results from the file, their
 * absence meaning unknown rather than failed; the correspondence history of DIR when there is one.
 */
class AnalyzeCommandTest {

    @TempDir
    Path tmp;

    private record Run(int code, String out) {}

    private Run cli(String stdin, String... args) {
        PrintStream oldOut = System.out;
        InputStream oldIn = System.in;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        if (stdin != null) {
            System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
        }
        try {
            int code = Main.execute(args);
            return new Run(code, buf.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setIn(oldIn);
        }
    }

    private Path data() {
        return tmp.resolve("data");
    }

    /** Domain and named users created with the real commands, as the checker does. */
    private void organization() {
        assertThat(cli(null, "domain", "add", ThreatSamples.DOMAIN, "--data", data().toString()).code()).isZero();
        assertThat(cli("a long password 1\n", "user", "add", ThreatSamples.AKIKO, "--name", "Akiko Tanaka", "--password-stdin",
                "--data", data().toString()).code()).isZero();
        assertThat(cli("a long password 2\n", "user", "add", ThreatSamples.BOB, "--name", "Bob Smith", "--password-stdin",
                "--data", data().toString()).code()).isZero();
    }

    private Path file(String name, byte[] message) throws Exception {
        Path p = tmp.resolve(name);
        Files.write(p, message);
        return p;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> json(Path message, String... extra) {
        String[] args = new String[4 + extra.length];
        args[0] = "analyze";
        args[1] = message.toString();
        args[2] = "--json";
        args[3] = "--data=" + data();
        System.arraycopy(extra, 0, args, 4, extra.length);
        Run r = cli(null, args);
        assertThat(r.code()).as(r.out()).isZero();
        assertThat(r.out().strip().lines()).as("one JSON object on one line").hasSize(1);
        return (Map<String, Object>) new Yaml().load(r.out());
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> findings(Map<String, Object> verdict) {
        return (List<Map<String, Object>>) verdict.get("findings");
    }

    private static List<Object> ids(Map<String, Object> verdict) {
        return findings(verdict).stream().map(f -> f.get("id")).toList();
    }

    @Test
    void aMessageWithNoFindingHasActionDeliver() throws Exception {
        Map<String, Object> v = json(file("clean.eml", ThreatSamples.clean()));
        assertThat(v).containsEntry("action", "deliver").containsKeys("score", "findings");
        assertThat(((Number) v.get("score")).doubleValue()).isZero();
        assertThat(findings(v)).isEmpty();
        assertThat(Files.exists(data())).as("analyze does not create a data directory").isFalse();
    }

    @Test
    void everyFindingHasIdWeightAndExplanation() throws Exception {
        organization();
        Map<String, Object> v = json(file("bec.eml", ThreatSamples.bec()));
        assertThat(v.get("action")).isIn("tag", "junk", "quarantine", "reject");
        assertThat(v.get("score")).isInstanceOf(Number.class);
        assertThat(findings(v)).isNotEmpty().allSatisfy(f -> {
            assertThat(f.get("id")).isInstanceOf(String.class);
            assertThat(f.get("weight")).isInstanceOf(Number.class);
            assertThat((String) f.get("explanation")).isNotBlank().endsWith(".");
        });
        double sum = findings(v).stream().mapToDouble(f -> ((Number) f.get("weight")).doubleValue()).sum();
        assertThat(((Number) v.get("score")).doubleValue()).isPositive().isLessThanOrEqualTo(sum + 0.01);
    }

    @Test
    void displayNamesRecordedByUserAddAreProtected() throws Exception {
        byte[] message = Eml.of("Akiko Tanaka <akiko.tanaka.office@gmail.test>", "Bob Smith <" + ThreatSamples.BOB + ">")
                .subject("Request").text("Bob, can you send me the supplier list when you have a minute?\nAkiko\n").build();
        Path f = file("name.eml", message);
        assertThat(ids(json(f))).doesNotContain("impersonation.display-name"); // nobody of that name yet
        organization();
        Map<String, Object> v = json(f);
        assertThat(ids(v)).contains("impersonation.display-name");
        assertThat(v.get("action")).isNotEqualTo("deliver");
        assertThat(findings(v).get(0).get("explanation").toString()).contains("Akiko Tanaka").contains("akiko.tanaka.office@gmail.test");
    }

    @Test
    void recipientDomainStandsInForTheDataDirectory() throws Exception {
        byte[] message = Eml.of("IT Service Desk <helpdesk@c0ntoso.test>", "<staff@contoso.test>").subject("Password expiry")
                .text("Your password expires today. Verify your account at https://c0ntoso.test/login to keep access.\n").build();
        Map<String, Object> v = json(file("lookalike.eml", message), "--recipient-domain", "contoso.test");
        assertThat(ids(v)).contains("lookalike.domain");
        assertThat(v.get("action")).isNotEqualTo("deliver");
        assertThat(ids(json(file("lookalike2.eml", message)))).doesNotContain("lookalike.domain");
    }

    @Test
    void authenticationResultsComeFromTheFileAndTheirAbsenceIsNotAFailure() throws Exception {
        organization();
        Eml base = Eml.of("Akiko Tanaka <" + ThreatSamples.AKIKO + ">", "Bob Smith <" + ThreatSamples.BOB + ">")
                .subject("Lunch").text("Shall we have lunch on Friday?\n");
        Map<String, Object> unknown = json(file("noauth.eml", base.build()));
        assertThat(unknown).containsEntry("action", "deliver");
        assertThat(findings(unknown)).isEmpty();
        byte[] failed = Eml.of("Akiko Tanaka <" + ThreatSamples.AKIKO + ">", "Bob Smith <" + ThreatSamples.BOB + ">")
                .auth("mx.northwind.test; spf=fail smtp.mailfrom=northwind.test; dkim=none; dmarc=fail (p=reject) header.from=northwind.test")
                .subject("Lunch").text("Shall we have lunch on Friday?\n").build();
        Map<String, Object> v = json(file("dmarcfail.eml", failed));
        assertThat(ids(v)).contains("impersonation.own-domain");
        assertThat(v.get("action")).isNotEqualTo("deliver");
    }

    @Test
    void historyInTheDataDirectoryIsUsed() throws Exception {
        organization();
        // A partner employee who happens to share a colleague's name.
        assertThat(cli("pw long enough 3\n", "user", "add", "sarah.johnson@" + ThreatSamples.DOMAIN, "--name", "Sarah Johnson",
                "--password-stdin", "--data", data().toString()).code()).isZero();
        byte[] message = Eml.of("Sarah Johnson <office@partner.test>", "Bob Smith <" + ThreatSamples.BOB + ">")
                .subject("Delivery dates").text("Hi Bob, the delivery dates for June are attached to our portal.\nSarah\n").build();
        Path f = file("partner.eml", message);
        assertThat(json(f).get("action")).isEqualTo("tag");
        try (SqliteStore store = new SqliteStore(data())) {
            long bob = store.directory().account(ThreatSamples.BOB).orElseThrow().id();
            store.correspondents().record(List.of(new CorrespondentStore.Observation(bob, "office@partner.test",
                    "partner.test", true)), System.currentTimeMillis());
        }
        assertThat(json(f).get("action")).isEqualTo("deliver");
    }

    @Test
    void readableReportAndStandardInput() throws Exception {
        organization();
        Run r = cli(new String(ThreatSamples.bec(), StandardCharsets.ISO_8859_1), "analyze", "-", "--data", data().toString());
        assertThat(r.code()).isZero();
        assertThat(r.out()).startsWith("action: ").contains("impersonation.display-name").contains("X-Tegami-Verdict: action=");
    }

    @Test
    void badArgumentsAreReported() throws Exception {
        Path f = file("clean2.eml", ThreatSamples.clean());
        assertThat(cli(null, "analyze", f.toString(), "--recipient-domain", "not a domain", "--data", data().toString()).code())
                .isEqualTo(2);
        assertThat(cli(null, "analyze", tmp.resolve("missing.eml").toString(), "--data", data().toString()).code()).isNotZero();
    }

    @Test
    void configuredVipsAndThresholdsApply() throws Exception {
        organization();
        Path config = tmp.resolve("tegami.toml");
        Files.writeString(config, "[threat]\ntag = 3\nvips = [\"Chris Ward <chris@northwind.test> <chris.ward.home@gmail.test>\"]\n");
        byte[] fromVip = Eml.of("Chris Ward <chris.ward.home@gmail.test>", "Bob Smith <" + ThreatSamples.BOB + ">").subject("Slides")
                .text("Could you print the slides for Monday?\n").build();
        byte[] impostor = Eml.of("Chris Ward <chris.ward.ceo@gmail.test>", "Bob Smith <" + ThreatSamples.BOB + ">").subject("Slides")
                .text("Could you print the slides for Monday?\n").build();
        assertThat(json(file("vip.eml", fromVip), "--config", config.toString())).containsEntry("action", "deliver");
        Map<String, Object> v = json(file("impostor.eml", impostor), "--config", config.toString());
        assertThat(findings(v).get(0)).containsEntry("id", "impersonation.display-name").containsEntry("weight", 6.0);
        assertThat(v.get("action")).isEqualTo("tag");
    }
}
