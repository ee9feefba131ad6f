package org.tegami.dkim;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.tegami.testing.Conformance;

/** ../shared/conformance/dkim/vectors.tsv: each listed signature gets the listed verdict. */
class DkimVectorsTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

    @TestFactory
    Stream<DynamicTest> vectors() throws Exception {
        Path dir = Conformance.dir("dkim");
        Map<String, String> keys = DkimTestSupport.keyRecords(dir.resolve("dns-records.json"));
        DkimVerifier verifier = new DkimVerifier(DkimTestSupport.resolver(keys), CLOCK);
        List<String[]> rows = Files.readAllLines(dir.resolve("vectors.tsv")).stream()
                .filter(l -> !l.isBlank() && !l.startsWith("#")).map(l -> l.split("\t")).toList();
        assertThat(rows).hasSizeGreaterThanOrEqualTo(6);
        return rows.stream().map(row -> DynamicTest.dynamicTest(row[0] + " #" + row[1] + " " + row[2], () -> {
            List<DkimResult> results = verifier.verify(Files.readAllBytes(dir.resolve(row[0])));
            DkimResult r = results.get(Integer.parseInt(row[1]));
            if (row[2].equals("pass")) {
                assertThat(r.status()).as(r.toString()).isEqualTo(DkimResult.Status.PASS);
                assertThat(r.headerB()).hasSize(DkimResult.HEADER_B_LENGTH);
            } else {
                // dkimpy's "fail" means "does not verify": ours must not pass, and say why
                assertThat(r.status()).as(r.toString()).isNotEqualTo(DkimResult.Status.PASS);
                assertThat(r.reason()).isNotBlank();
            }
        }));
    }
}
