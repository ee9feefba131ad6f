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
        byte[] after = HeaderFields.without(before, (name, value) -> name.equalsIgnoreCase("Authentication-Results")
                && !AuthResultsParser.claiming(List.of(HeaderField.of(name, value)), authservId).isEmpty());
        if (after != before) {
            m.replaceContent(after);
            m.note("removed forged Authentication-Results (" + (before.length - after.length) + " bytes)");
        }
        return null;
    }
}
