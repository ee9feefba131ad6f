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
