package org.tegami.threat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.tegami.mime.MimeParser;
import org.tegami.mime.ParsedMessage;

/**
 * Judges one message: runs every detector family over it and turns their findings into a
 * {@link Verdict} with the {@link ThreatPolicy}. The same call serves live delivery (the
 * pipeline passes the parsed message it already has and the real SPF/DKIM/DMARC results) and
 * offline analysis ({@code tegami analyze}, with {@link AuthSummary#fromAuthenticationResults}).
 * Thread-safe and stateless; never throws on message content.
 */
public final class ThreatAnalyzer {

    private final ThreatPolicy policy;
    private final ThreatLimits limits;
    private final AttachmentDetector attachments = new AttachmentDetector();
    private final List<Detector> detectors = List.of(
            new ImpersonationDetector(), new LookalikeDetector(), new BecLanguageDetector(), new HtmlDetector(), attachments);

    public ThreatAnalyzer() {
        this(ThreatPolicy.DEFAULT, ThreatLimits.DEFAULT);
    }

    public ThreatAnalyzer(ThreatPolicy policy) {
        this(policy, ThreatLimits.DEFAULT);
    }

    public ThreatAnalyzer(ThreatPolicy policy, ThreatLimits limits) {
        this.policy = policy;
        this.limits = limits;
    }

    public ThreatPolicy policy() {
        return policy;
    }

    /** Parses and judges a whole message (RFC 5322 bytes, CRLF or LF). */
    public Verdict analyze(byte[] message, AnalysisContext ctx) {
        ParsedMessage parsed = MimeParser.parse(message);
        return analyze(parsed, ByteBuffer.wrap(message), ctx);
    }

    /** Judges a message the caller has already parsed; {@code message} holds its bytes. */
    public Verdict analyze(ParsedMessage parsed, ByteBuffer message, AnalysisContext ctx) {
        List<Finding> findings = new ArrayList<>();
        Budget budget = new Budget(limits);
        MessageContent content;
        try {
            content = new MessageContent(parsed, message, ctx, limits);
        } catch (RuntimeException | StackOverflowError e) {
            findings.add(incomplete("content extraction", e));
            return Verdict.of(findings, policy);
        }
        for (Detector d : detectors) {
            try {
                d.detect(content, ctx, budget, findings);
            } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
                // A bug or an input beyond our bounds must not stop delivery decisions: say so.
                findings.add(incomplete(d.getClass().getSimpleName(), e));
            }
        }
        return Verdict.of(findings, policy);
    }

    /**
     * Judges only the attachments (programs, scripts, macros, archives ...), with no sender or
     * language checks: for mail our own users submit, where impersonation and BEC rules do not
     * apply but a program sent out from an infected machine should still be stopped.
     */
    public Verdict analyzeAttachments(ParsedMessage parsed, ByteBuffer message) {
        List<Finding> findings = new ArrayList<>();
        AnalysisContext ctx = AnalysisContext.forDomains(java.util.Set.of());
        try {
            MessageContent content = new MessageContent(parsed, message, ctx, limits);
            attachments.detect(content, ctx, new Budget(limits), findings);
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            findings.add(incomplete("attachments", e));
        }
        return Verdict.of(findings, policy);
    }

    private static Finding incomplete(String where, Throwable e) {
        return new Finding("analysis.incomplete", 1.0,
                "Part of the analysis (" + where + ") could not be completed (" + e.getClass().getSimpleName()
                        + "), so the verdict may miss something.");
    }
}
