package org.tegami.pipeline;

import java.util.List;
import org.tegami.mailauth.DkimKeyring;

/**
 * DKIM-signs mail our users submit (RFC 6376 §5), with the active keys of the From domain: by
 * default one RSA-2048 and one Ed25519 signature (RFC 8463 §5), relaxed/relaxed, From/To/Subject
 * and friends oversigned. It must be the last stage that changes the message before it is queued
 * or stored — anything changed after it would break the signature — so it sits after the S/MIME /
 * OpenPGP gateway. It signs the bytes as they leave: the header fields earlier stages prepended
 * (Received:, Message-ID:, Date:) and the content.
 */
public final class DkimSignStage implements Stage {

    private final DkimKeyring keyring;

    public DkimSignStage(DkimKeyring keyring) {
        this.keyring = keyring;
    }

    @Override
    public String name() {
        return "dkim-sign";
    }

    @Override
    public Outcome apply(InboundMessage m) {
        if (m.session().role() != Role.SUBMISSION || m.session().authUser() == null) {
            return null;
        }
        List<String> fields = keyring.signatureFields(QueueStage.bytes(m));
        for (int i = fields.size() - 1; i >= 0; i--) {
            String f = fields.get(i);
            String value = f.substring(f.indexOf(':') + 1).stripLeading();
            m.prependHeader("DKIM-Signature", value.substring(0, value.length() - 2)); // without the final CRLF
        }
        m.note("dkim-signed=" + fields.size());
        return null;
    }
}
