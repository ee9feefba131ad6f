package org.tegami.pipeline;

import java.nio.ByteBuffer;
import java.util.Locale;
import java.util.Set;
import org.tegami.directory.Resolution;
import org.tegami.mime.Address;
import org.tegami.mime.AddressParser;
import org.tegami.smtp.Reply;
import org.tegami.store.Account;
import org.tegami.store.Mailbox;
import org.tegami.store.QuarantineStore;
import org.tegami.threat.Action;
import org.tegami.threat.AuthSummary;
import org.tegami.threat.Finding;
import org.tegami.threat.HtmlNeutralizer;
import org.tegami.threat.ThreatAnalyzer;
import org.tegami.threat.Verdict;
import org.tegami.threat.VerdictTagger;

/**
 * The threat check (docs/threat.md), after authentication. Mail from outside (MX) is judged in
 * the context {@link ThreatContexts} builds and handled by the verdict's action: every delivered
 * copy carries {@code X-Tegami-Verdict} (forged copies removed); tag adds a subject prefix and a
 * banner; junk files it in Junk; quarantine keeps it out of every mailbox (250 to the sender);
 * reject refuses it with 550 5.7.1 and the strongest finding as the reason. For domains listed
 * for HTML neutralisation, active HTML is removed from the delivered copy and the original kept
 * in quarantine.
 *
 * <p>Mail our users submit is not judged for impersonation or BEC (the sender is authenticated
 * as one of us, and a verdict header must not leak to outside recipients); its attachments are,
 * when enabled: a program or macro document that would be quarantined coming in is refused
 * going out, so an infected machine cannot use our server to spread it.
 */
public final class ThreatStage implements Stage {

    /**
     * What the check decided, for later stages.
     *
     * @param from the From address (lower case), or null
     * @param learnable true if the sender may be recorded as a correspondent: delivered without
     *     findings enough to act on, and not contradicted (nor unverified) by authentication
     */
    public record Result(Verdict verdict, String from, boolean learnable) {}

    /** Findings about active HTML, which neutralisation removes. */
    private static final Set<String> ACTIVE_HTML = Set.of("html.script", "html.event-handler", "html.form",
            "html.embedded-content", "html.javascript-url", "html.meta-refresh");

    private final ThreatAnalyzer analyzer;
    private final VerdictTagger tagger;
    private final ThreatContexts contexts;
    private final Quarantine quarantine;
    private final HtmlNeutralizer neutralizer;
    private final Set<String> neutralizeDomains;
    private final boolean checkSubmittedAttachments;

    /**
     * @param neutralizeDomains recipient domains whose delivered copies get active HTML removed
     * @param checkSubmittedAttachments refuse submitted mail whose attachments alone reach the quarantine threshold
     */
    public ThreatStage(ThreatAnalyzer analyzer, ThreatContexts contexts, Quarantine quarantine, Set<String> neutralizeDomains,
            HtmlNeutralizer neutralizer, boolean checkSubmittedAttachments) {
        this.analyzer = analyzer;
        this.tagger = new VerdictTagger(analyzer.policy());
        this.contexts = contexts;
        this.quarantine = quarantine;
        this.neutralizer = neutralizer;
        this.neutralizeDomains = Set.copyOf(neutralizeDomains);
        this.checkSubmittedAttachments = checkSubmittedAttachments;
    }

    @Override
    public String name() {
        return "threat";
    }

    @Override
    public Outcome apply(InboundMessage m) throws Exception {
        if (m.session().role() == Role.SUBMISSION) {
            return submitted(m);
        }
        AuthSummary auth = ThreatAuth.summary(m);
        String envelopeFrom = m.sender() == null ? null : m.sender().toString();
        Verdict v = analyzer.analyze(m.parsed(), ByteBuffer.wrap(m.content()), contexts.build(auth, Set.of(), envelopeFrom));
        String from = fromAddress(m);
        boolean learnable = v.action() == Action.DELIVER && from != null
                && (auth.isUnknown() || auth.authenticates(from.substring(from.lastIndexOf('@') + 1)));
        m.put(Result.class, new Result(v, from, learnable));
        m.note("threat=" + v.action().label() + " score=" + v.score());
        if (v.action() == Action.REJECT) {
            return new Outcome(new Reply(550, "5.7.1", reason(v)), "rejected");
        }
        m.replaceContent(tagger.apply(m.content(), m.parsed(), v));
        switch (v.action()) {
            case QUARANTINE -> {
                long id = quarantine.hold(m, v, QuarantineStore.Kind.HELD);
                m.note("quarantined=" + id);
                return new Outcome(new Reply(250, "2.0.0", "OK " + m.id() + " message accepted"), "quarantined");
            }
            case JUNK -> m.setDefaultMailbox(Mailbox.JUNK);
            default -> {}
        }
        if (neutralizer != null && hasActiveHtml(v) && forNeutralizingDomain(m)) {
            long id = quarantine.hold(m, v, QuarantineStore.Kind.ORIGINAL);
            m.replaceContent(neutralizer.neutralizeMessage(m.content()));
            m.note("html-neutralized original=" + id);
        }
        return null;
    }

    private Outcome submitted(InboundMessage m) {
        if (!checkSubmittedAttachments) {
            return null;
        }
        Verdict v = analyzer.analyzeAttachments(m.parsed(), ByteBuffer.wrap(m.content()));
        if (v.score() >= analyzer.policy().quarantine()) {
            m.note("threat=refused-attachment score=" + v.score());
            return new Outcome(new Reply(550, "5.7.1", reason(v)), "rejected");
        }
        return null;
    }

    /** One line for the SMTP reply: the strongest finding's explanation, in ASCII. */
    static String reason(Verdict v) {
        Finding top = v.findings().isEmpty() ? null : v.findings().get(0);
        String why = top == null ? "it looks dangerous." : top.explanation();
        StringBuilder sb = new StringBuilder("Message refused as dangerous (" + (top == null ? "score " + v.score() : top.id())
                + "): ");
        for (int i = 0; i < why.length() && sb.length() < 400; i++) {
            char c = why.charAt(i);
            sb.append(c >= 0x20 && c < 0x7f ? c : c == '\t' ? ' ' : '?');
        }
        return sb.toString();
    }

    private static String fromAddress(InboundMessage m) {
        Address a = AddressParser.parseFirst(m.parsed().headers().value("From"));
        return a == null || a.address() == null || a.host() == null || a.host().isBlank() ? null
                : a.address().toLowerCase(Locale.ROOT);
    }

    private static boolean hasActiveHtml(Verdict v) {
        for (Finding f : v.findings()) {
            if (ACTIVE_HTML.contains(f.id())) {
                return true;
            }
        }
        return false;
    }

    private boolean forNeutralizingDomain(InboundMessage m) {
        if (neutralizeDomains.isEmpty()) {
            return false;
        }
        for (Recipient r : m.recipients()) {
            if (r.resolution() instanceof Resolution.Local l) {
                for (Account a : l.accounts()) {
                    if (neutralizeDomains.contains(a.domain().toLowerCase(Locale.ROOT))) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
