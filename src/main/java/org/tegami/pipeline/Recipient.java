package org.tegami.pipeline;

import java.util.Map;
import org.tegami.directory.Resolution;
import org.tegami.smtp.MailAddress;

/**
 * One accepted RCPT, with where the directory said it goes at RCPT time.
 *
 * @param params RCPT parameters (NOTIFY, ORCPT), keys upper case
 */
public record Recipient(MailAddress address, Map<String, String> params, Resolution resolution) {

    public Recipient {
        params = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(params));
    }
}
