package org.tegami.threat.corpus;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Writes the evaluation corpus (src/test/resources/threat/corpus/{malicious,legitimate}/*.eml)
 * from {@link MaliciousCorpus} and {@link LegitimateCorpus}. The files are committed; run this
 * again only to change the corpus:
 * {@code mvn test -Dtest=CorpusGenerator -Dthreat.corpus.generate=true}.
 */
class CorpusGenerator {

    @Test
    @EnabledIfSystemProperty(named = "threat.corpus.generate", matches = "true")
    void generate() throws IOException {
        Path root = Path.of(System.getProperty("tegami.project.dir", "."), "src/test/resources/threat/corpus");
        write(root.resolve("malicious"), MaliciousCorpus.all());
        write(root.resolve("legitimate"), LegitimateCorpus.all());
        seeds(Path.of(System.getProperty("tegami.project.dir", "."), "src/test/resources/org/tegami/threat"));
    }

    /** Seed inputs for the fuzz tests: real messages and real files of each format. */
    private static void seeds(Path base) throws IOException {
        Map<String, byte[]> mal = MaliciousCorpus.all();
        Map<String, byte[]> leg = LegitimateCorpus.all();
        seed(base.resolve("ThreatFuzzTestInputs/analyzeArbitraryMessage"), Map.of(
                "bec-jp.eml", mal.get("bec-jp-ceo-iso2022"), "zip-exe.eml", mal.get("mal-zip-exe-double-ext"),
                "phish-html.eml", mal.get("phish-m365-mismatch"), "docm.eml", mal.get("office-docm"),
                "newsletter.eml", leg.get("newsletter-tracking-known"), "signed.eml", leg.get("partner-signed-smime")));
        seed(base.resolve("ThreatFuzzTestInputs/authenticationResults"), Map.of("ar.txt",
                "mx.corp.test; spf=pass smtp.mailfrom=a.test; dkim=pass header.d=a.test; dmarc=fail (p=reject) header.from=a.test".getBytes()));
        seed(base.resolve("SnifferFuzzTestInputs/zip"), Map.of("docs.zip", CorpusFiles.zip("a.txt", "hello".getBytes()),
                "enc.zip", CorpusFiles.encryptedZip(Map.of("a.exe", CorpusFiles.pe()), "pw"), "docx.zip", CorpusFiles.docx("x")));
        seed(base.resolve("SnifferFuzzTestInputs/ole2"), Map.of("macro.doc", CorpusFiles.docWithMacro()));
        seed(base.resolve("SnifferFuzzTestInputs/pdf"), Map.of("js.pdf", CorpusFiles.pdf("x", "/OpenAction 5 0 R",
                CorpusFiles.flateStream("/Type /ObjStm", "<< /S /JavaScript /JS (x) >>"))));
        seed(base.resolve("SnifferFuzzTestInputs/rar"), Map.of("a.rar", CorpusFiles.rar4("a.exe", CorpusFiles.pe(), false)));
        seed(base.resolve("SnifferFuzzTestInputs/anyAttachment"), Map.of("nested.zip", CorpusFiles.zip("in.zip", CorpusFiles.zip("x.exe", CorpusFiles.pe())),
                "xlsm.zip", CorpusFiles.xlsm(), "iso.bin", CorpusFiles.iso("X"), "gz.bin", CorpusFiles.gzip("a.exe", CorpusFiles.pe())));
    }

    private static void seed(Path dir, Map<String, byte[]> files) throws IOException {
        Files.createDirectories(dir);
        for (Map.Entry<String, byte[]> e : files.entrySet()) {
            Files.write(dir.resolve(e.getKey()), e.getValue());
        }
    }

    private static void write(Path dir, Map<String, byte[]> messages) throws IOException {
        Files.createDirectories(dir);
        try (var old = Files.list(dir)) {
            for (Path p : old.toList()) {
                if (p.toString().endsWith(".eml")) {
                    Files.delete(p);
                }
            }
        }
        for (Map.Entry<String, byte[]> e : messages.entrySet()) {
            Files.write(dir.resolve(e.getKey() + ".eml"), e.getValue());
        }
    }
}
