package org.tegami.pipeline;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tegami.cryptomail.CryptoGateway;
import org.tegami.cryptomail.Inspection;
import org.tegami.keys.CryptoKeys;
import org.tegami.keys.KeyHarvest;
import org.tegami.mime.Address;
import org.tegami.mime.AddressParser;

/**
 * S/MIME and OpenPGP signatures of inbound mail (issue 7). Every {@code X-Tegami-Signature}
 * field in the received message is removed first, on every port: only this server writes it, so
 * a copy from outside is never believed. Then, for mail from the world (MX), the signature is
 * verified (RFC 8551 §3.4/§3.5, RFC 3156 §5) against the trust anchors and keys in the store
 * and, when the message carries S/MIME or OpenPGP at all, the result recorded as {@code
 * X-Tegami-Signature: smime; pass; signer=...}; the {@link Inspection} is left for later stages. A message with a valid signature whose
 * certificate or key names its From address teaches us that sender's key (unverified).
 *
 * <p>Runs after SPF/DKIM/DMARC (removing a field may break a DKIM signature that covered it)
 * and before threat analysis.
 */
public final class SignatureStage implements Stage {

    private static final Logger LOG = LoggerFactory.getLogger("tegami.crypto");

    private final CryptoKeys keys;
    private final KeyHarvest harvest;

    public SignatureStage(CryptoKeys keys) {
        this.keys = keys;
        this.harvest = new KeyHarvest(keys);
    }

    @Override
    public String name() {
        return "signature";
    }

    @Override
    public Outcome apply(InboundMessage m) {
        if (mentionsSignatureHeader(m.content())) {
            m.replaceContent(CryptoGateway.stripSignatureHeader(m.content()));
            m.note("signature-header-removed");
        }
        if (m.session().role() != Role.MX || !keys.config().verifyInbound()) {
            return null;
        }
        CryptoGateway.Verified v;
        CryptoGateway g;
        try {
            g = keys.gateway();
            v = g.verifyInbound(m.content());
        } catch (RuntimeException e) {
            // The libraries return values for any content; this is a last-resort net (a bug), never a lost message.
            LOG.error("message {}: signature check failed", m.id(), e);
            m.prependHeader(CryptoGateway.SIGNATURE_HEADER, "none; error");
            return null;
        }
        // Only messages that carry S/MIME or OpenPGP get a verdict: for plain mail the absence of
        // the field says "no signature" (any copy from outside was removed above), and the trace
        // fields keep their usual order.
        if (!v.inspection().type().equals(Inspection.NONE)) {
            m.prependHeader(CryptoGateway.SIGNATURE_HEADER, v.headerValue());
        }
        m.put(Inspection.class, v.inspection());
        m.note("signature=" + v.inspection().type() + "/" + v.inspection().signature());
        String sig = v.inspection().signature();
        if (keys.config().harvest() && (sig.equals("pass") || sig.equals("untrusted"))) {
            remember(g, m);
        }
        return null;
    }

    private void remember(CryptoGateway g, InboundMessage m) {
        try {
            Address from = AddressParser.parseFirst(m.parsed().headers().value("From"));
            if (from == null || from.address() == null) {
                return;
            }
            List<String> learned = harvest.remember(g.harvest(m.content()), from.address());
            if (!learned.isEmpty()) {
                m.note("harvested=" + String.join(",", learned));
                LOG.info("message {}: learned key(s) {} of {} (unverified)", m.id(), learned, from.address());
            }
        } catch (RuntimeException e) {
            LOG.warn("message {}: could not remember the signer's key: {}", m.id(), e.toString());
        }
    }

    /** Whether the header section (up to the first empty line) contains the field name at all. */
    static boolean mentionsSignatureHeader(byte[] content) {
        int end = content.length;
        for (int i = 0; i + 1 < content.length; i++) {
            if (content[i] == '\n' && (content[i + 1] == '\n' || content[i + 1] == '\r' && i + 2 < content.length
                    && content[i + 2] == '\n')) {
                end = i;
                break;
            }
        }
        String head = new String(content, 0, end, StandardCharsets.ISO_8859_1).toLowerCase(java.util.Locale.ROOT);
        return head.contains(CryptoGateway.SIGNATURE_HEADER.toLowerCase(java.util.Locale.ROOT));
    }
}
