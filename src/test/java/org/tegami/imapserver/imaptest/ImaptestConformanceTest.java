package org.tegami.imapserver.imaptest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.tegami.imap.imaptest.Script;
import org.tegami.imap.imaptest.ScriptParser;
import org.tegami.testing.Conformance;
import org.tegami.testing.TestServer;

/**
 * Dovecot imaptest's scripted tests (../shared/conformance/imaptest) against a live Tegami: every
 * script whose capabilities Tegami advertises must pass. Scripts for capabilities Tegami does not
 * offer (CATENATE, URLAUTH, NOTIFY, CONTEXT=SEARCH/SORT) are skipped, as imaptest skips them.
 */
class ImaptestConformanceTest {

    /** Scripts that fail for a documented reason (also in the README); empty means all pass. */
    static final Map<String, String> KNOWN_FAILURES = Map.of();

    static TestServer server;
    static final Map<String, String> results = new TreeMap<>();

    @BeforeAll
    static void start() {
        server = TestServer.start("[auth]\nallow_plaintext = true\n");
        server.addUser("imaptest@example.test", "imaptest-password");
    }

    @AfterAll
    static void stop() {
        long passed = results.values().stream().filter(v -> v.equals("passed")).count();
        long skipped = results.values().stream().filter(v -> v.startsWith("skipped")).count();
        System.out.printf("imaptest: %d scripts, %d passed, %d failed, %d skipped (capability not offered)%n",
                results.size(), passed, results.size() - passed - skipped, skipped);
        results.forEach((k, v) -> {
            if (!v.equals("passed")) {
                System.out.println("  " + k + ": " + v);
            }
        });
        if (server != null) {
            server.destroy();
        }
    }

    @TestFactory
    Stream<DynamicTest> scripts() throws Exception {
        Path dir = Conformance.dir("imaptest").resolve("tests");
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().endsWith(".mbox"))
                    .filter(p -> !p.getFileName().toString().equals("default.mbox")).sorted().toList();
        }
        String only = System.getProperty("imaptest.only");
        if (only != null) {
            files = files.stream().filter(f -> f.getFileName().toString().matches(only)).toList();
        }
        return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> run(f)));
    }

    private static void run(Path file) throws Exception {
        String name = file.getFileName().toString();
        Script script = ScriptParser.parse(file, env -> null);
        List<String> failures;
        try {
            failures = new ScriptRunner(script, server.port("imap"), "imaptest@example.test", "imaptest-password").run();
        } catch (ScriptRunner.Skipped e) {
            results.put(name, "skipped: " + e.getMessage());
            Assumptions.abort(e.getMessage());
            return;
        }
        results.put(name, failures.isEmpty() ? "passed" : "FAILED " + failures.get(0));
        if (KNOWN_FAILURES.containsKey(name)) {
            assertThat(failures).as(name + " is listed as a known failure but passes: remove it").isNotEmpty();
            Assumptions.abort("known failure: " + KNOWN_FAILURES.get(name));
        }
        assertThat(failures).as(name).isEmpty();
    }
}
