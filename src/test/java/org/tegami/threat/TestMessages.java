package org.tegami.threat;

import java.util.List;
import java.util.Set;
import org.tegami.threat.corpus.Eml;

/** Shared context and shortcuts for the detector unit tests. */
final class TestMessages {

    static final Set<String> DOMAINS = Set.of("corp.test", "corp.co.jp");
    static final List<KnownPerson> PEOPLE = List.of(
            KnownPerson.of("Jane Smith", "jane@corp.test"),
            KnownPerson.of("山田 太郎", "yamada@corp.co.jp"),
            KnownPerson.of("Support", "support@corp.test"));
    static final List<KnownPerson> VIPS = List.of(KnownPerson.of("Robert Brown", "robert@corp.test", "bob.brown.home@gmail.com"));

    private TestMessages() {}

    static AnalysisContext ctx() {
        return new AnalysisContext(AuthSummary.UNKNOWN, DOMAINS, PEOPLE, VIPS,
                new InMemoryCorrespondentHistory().received("ap@partner-supplies.com", 10).sent("ap@partner-supplies.com", 5), null);
    }

    static Verdict analyze(Eml e) {
        return new ThreatAnalyzer().analyze(e.build(), ctx());
    }

    static Verdict analyze(Eml e, AnalysisContext ctx) {
        return new ThreatAnalyzer().analyze(e.build(), ctx);
    }

    static Eml mail(String from) {
        return Eml.of(from, "Bob <bob@corp.test>").subject("Hello");
    }

    static Finding finding(Verdict v, String id) {
        return v.findings().stream().filter(f -> f.id().equals(id)).findFirst().orElse(null);
    }
}
