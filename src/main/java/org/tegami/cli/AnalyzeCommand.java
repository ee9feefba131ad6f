package org.tegami.cli;

import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.tegami.admin.Admin;
import org.tegami.app.ThreatWiring;
import org.tegami.config.TegamiConfig;
import org.tegami.mime.HeaderField;
import org.tegami.mime.MimeParser;
import org.tegami.mime.ParsedMessage;
import org.tegami.pipeline.ThreatContexts;
import org.tegami.store.sqlite.SqliteStore;
import org.tegami.threat.AuthSummary;
import org.tegami.threat.Finding;
import org.tegami.threat.ThreatAnalyzer;
import org.tegami.threat.Verdict;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code tegami analyze FILE}: the threat check's verdict on a message file, as if it were
 * arriving now for the domains of the data directory (and --recipient-domain), knowing its
 * people, the configured VIPs and its correspondence history — the same context builder and
 * analyzer as live delivery. Authentication results come from the file's Authentication-Results
 * fields; without any they are unknown, which counts as no evidence (not as a failure).
 */
@Command(name = "analyze", description = "Judge a message file (threat check): verdict, score and findings.")
final class AnalyzeCommand implements Callable<Integer> {

    @Mixin
    Common common;

    @Parameters(paramLabel = "FILE", description = "the message (.eml), or - for standard input")
    String file;

    @Option(names = "--json", description = "print one JSON object: action, score, findings [{id, weight, explanation}]")
    boolean json;

    @Option(names = "--recipient-domain", paramLabel = "DOMAIN",
            description = "judge as arriving for this domain too (repeatable)")
    List<String> recipientDomains = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        if (!file.equals("-") && !Files.isRegularFile(Path.of(file))) {
            throw new IllegalArgumentException(file + ": no such file");
        }
        byte[] bytes = file.equals("-") ? System.in.readAllBytes() : Files.readAllBytes(Path.of(file));
        TegamiConfig config = common.loadConfig();
        Set<String> extra = new LinkedHashSet<>();
        for (String d : recipientDomains) {
            extra.add(Admin.canonicalDomain(d));
        }
        ThreatAnalyzer analyzer = ThreatWiring.analyzer(config.threat());
        ParsedMessage parsed = MimeParser.parse(bytes);
        List<String> results = new ArrayList<>();
        for (HeaderField f : parsed.headers().all("Authentication-Results")) {
            results.add(f.value());
        }
        AuthSummary auth = AuthSummary.fromAuthenticationResults(results);
        Clock clock = Clock.systemUTC();
        Verdict v;
        if (Files.exists(common.dataDir().resolve("tegami.db"))) {
            try (SqliteStore store = new SqliteStore(common.dataDir())) {
                ThreatContexts contexts = ThreatWiring.contexts(config.threat(), store.directory(),
                        ThreatWiring.history(store, clock, 0), clock, 0);
                v = analyzer.analyze(parsed, ByteBuffer.wrap(bytes), contexts.build(auth, extra, null));
            }
        } else {
            ThreatContexts contexts = ThreatWiring.contexts(config.threat(), null, null, clock, 0);
            v = analyzer.analyze(parsed, ByteBuffer.wrap(bytes), contexts.build(auth, extra, null));
        }
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        if (json) {
            out.println(v.toJson());
        } else {
            report(out, v);
        }
        return 0;
    }

    static void report(PrintStream out, Verdict v) {
        out.println("action: " + v.action().label() + " (score " + v.score() + ")");
        if (v.findings().isEmpty()) {
            out.println("no findings");
        }
        for (Finding f : v.findings()) {
            out.println("  " + f.weight() + "  " + f.id());
            out.println("       " + f.explanation());
        }
        out.println("X-Tegami-Verdict: " + v.headerValue());
    }
}
