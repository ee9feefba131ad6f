package org.tegami.pipeline;

import java.util.List;
import org.tegami.authresults.AuthResultsParser;
import org.tegami.mailauth.HeaderFields;
import org.tegami.mime.HeaderField;

/**
 * Removes Authentication-Results fields that claim our authserv-id (RFC 8601 §5: a border MTA
 * must not let results that appear to be its own through from outside). Runs for every message,
 * submitted ones too, before our own results are added; nothing else in the message changes.
 */
public final class ForeignAuthResultsStage implements Stage {

    private final String authservId;

    public ForeignAuthResultsStage(String authservId) {
        this.authservId = authservId;
    }

    @Override
    public String name() {
        return "strip-auth-results";
    }

    @Override
    public Outcome apply(InboundMessage m) {
        byte[] before = m.content();
        if (!mentionsAuthResults(before)) {
            return null; // most mail: no need to split the header into fields
        }
        byte[] after = HeaderFields.without(before, (name, value) -> name.equalsIgnoreCase("Authentication-Results")
                && !AuthResultsParser.claiming(List.of(HeaderField.of(name, value)), authservId).isEmpty());
        if (after != before) {
            m.replaceContent(after);
            m.note("removed forged Authentication-Results (" + (before.length - after.length) + " bytes)");
        }
        return null;
    }

    /** A cheap pre-check: does "authentication-results:" (any case) occur in the header at all? */
    static boolean mentionsAuthResults(byte[] m) {
        byte[] needle = "authentication-results:".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        outer:
        for (int i = 0; i + needle.length <= m.length; i++) {
            if (m[i] == '\n' && i + 2 < m.length && (m[i + 1] == '\n' || (m[i + 1] == '\r' && m[i + 2] == '\n'))) {
                return false; // end of the header
            }
            for (int j = 0; j < needle.length; j++) {
                int c = m[i + j] | 0x20; // ASCII lower case (':' and '-' are unchanged by it)
                if (c != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
