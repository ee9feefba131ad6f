package org.tegami.dmarc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.tegami.dns.InMemoryResolver;
import org.tegami.testing.Conformance;

/** OpenDMARC's offline cases (../shared/conformance/dmarc/*.tsv), one dynamic test per row. */
class DmarcTablesTest {

    /**
     * Rows where Tegami deliberately differs from OpenDMARC, with the reason. OpenDMARC accepts
     * "p=n" because it only compares the first letter; RFC 7489 §6.3 defines none / quarantine /
     * reject, so Tegami treats "n" as an invalid p= (and, without rua=, as no usable record).
     */
    static final Map<String, String> DIVERGENCES = Map.of("v=DMARC1; p=n;", "DMARC_PARSE_ERROR_BAD_VALUE");

    static List<String[]> rows(String file) throws IOException {
        Path dir = Conformance.dir("dmarc");
        return Files.readAllLines(dir.resolve(file), StandardCharsets.UTF_8).stream()
                .filter(l -> !l.startsWith("#")).map(l -> l.split("\t", -1)).toList();
    }

    static OrganizationalDomains snapshot() throws IOException {
        return OrganizationalDomains.load(Files.newBufferedReader(
                Conformance.dir("dmarc").resolve("effective_tld_names.dat"), StandardCharsets.UTF_8));
    }

    /** Our parse outcome in OpenDMARC's vocabulary. */
    static String status(DmarcRecord.Parsed p) {
        return switch (p) {
            case DmarcRecord.Valid v -> v.record().problems().isEmpty() ? "DMARC_PARSE_OKAY" : "DMARC_PARSE_ERROR_BAD_VALUE";
            case DmarcRecord.Invalid inv -> switch (inv.error()) {
                case EMPTY -> "DMARC_PARSE_ERROR_EMPTY";
                case BAD_VERSION -> "DMARC_PARSE_ERROR_BAD_VERSION";
                case MISSING_POLICY -> "DMARC_PARSE_ERROR_NO_REQUIRED_P";
                case INVALID_POLICY -> "DMARC_PARSE_ERROR_BAD_VALUE";
                case SYNTAX -> "DMARC_PARSE_ERROR_SYNTAX";
            };
        };
    }

    @TestFactory
    Stream<DynamicTest> recordParse() throws IOException {
        List<String[]> rows = rows("record-parse.tsv");
        assertThat(rows).hasSizeGreaterThanOrEqualTo(19);
        return rows.stream().map(r -> DynamicTest.dynamicTest("[" + r[0] + "] -> " + r[1], () -> {
            String expected = DIVERGENCES.getOrDefault(r[0], r[1]);
            assertThat(status(DmarcRecord.parse(r[0]))).isEqualTo(expected);
        }));
    }

    @TestFactory
    Stream<DynamicTest> organizationalDomain() throws IOException {
        OrganizationalDomains snap = snapshot();
        OrganizationalDomains guava = OrganizationalDomains.guava();
        return rows("organizational-domain.tsv").stream().flatMap(r -> Stream.of(
                DynamicTest.dynamicTest(r[0] + " (snapshot PSL)", () -> assertThat(snap.of(r[0])).isEqualTo(r[1])),
                DynamicTest.dynamicTest(r[0] + " (Guava PSL)", () -> assertThat(guava.of(r[0])).isEqualTo(r[1]))));
    }

    @TestFactory
    Stream<DynamicTest> alignment() throws IOException {
        OrganizationalDomains snap = snapshot();
        return rows("alignment.tsv").stream().flatMap(r -> {
            DmarcRecord.Alignment mode = r[2].endsWith("STRICT") ? DmarcRecord.Alignment.STRICT : DmarcRecord.Alignment.RELAXED;
            boolean expected = r[3].equals("0");
            return Stream.of(OrganizationalDomains.guava(), snap).map(psl -> DynamicTest.dynamicTest(
                    r[0] + " ~ " + r[1] + " " + mode + (psl == snap ? " (snapshot)" : " (Guava)"), () -> {
                        DmarcEvaluator ev = new DmarcEvaluator(new InMemoryResolver(), psl, RandomGenerator.getDefault());
                        assertThat(ev.aligned(r[0], r[1], mode)).isEqualTo(expected);
                    }));
        });
    }

    @TestFactory
    Stream<DynamicTest> fromDomainExtraction() throws IOException {
        return rows("from-domain-extraction.tsv").stream().map(r -> DynamicTest.dynamicTest(r[0], () -> {
            FromDomain f = FromDomain.ofValue(r[0]);
            assertThat(f.domain()).isEqualTo(r[1]);
        }));
    }

    @TestFactory
    Stream<DynamicTest> policyDiscovery() throws IOException {
        OrganizationalDomains snap = snapshot();
        return rows("policy-discovery.tsv").stream().map(r -> DynamicTest.dynamicTest(r[0] + " -> " + r[2], () -> {
            InMemoryResolver dns = new InMemoryResolver();
            if (!r[1].equals("(none)")) {
                int eq = r[1].indexOf('=');
                dns.addTxt(r[1].substring(0, eq), r[1].substring(eq + 1));
            }
            DmarcEvaluator ev = new DmarcEvaluator(dns, snap, RandomGenerator.getDefault());
            DmarcEvaluator.PolicyLookup found = ev.discover(r[0]);
            if (r[2].equals("DMARC_PARSE_OKAY")) {
                assertThat(found.status()).isEqualTo(DmarcEvaluator.PolicyLookup.Status.FOUND);
                assertThat(found.policyDomain()).isEqualTo(r[4]);
                assertThat(found.record().policy().keyword()).isEqualTo(r[3].split(" ")[0]);
                DmarcResult res = ev.evaluate(r[0], null, List.of());
                assertThat(res.status()).isEqualTo(DmarcResult.Status.FAIL);
                String applied = r[3].contains("sp=reject") ? "reject" : r[3].split(" ")[0];
                assertThat(res.policy().keyword()).isEqualTo(applied);
            } else {
                assertThat(found.status()).isEqualTo(DmarcEvaluator.PolicyLookup.Status.NONE);
                assertThat(ev.evaluate(r[0], null, List.of()).status()).isEqualTo(DmarcResult.Status.NONE);
            }
        }));
    }
}
