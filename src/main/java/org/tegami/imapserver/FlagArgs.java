package org.tegami.imapserver;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.tegami.imap.Flags;
import org.tegami.store.SystemFlags;

/**
 * Flags given to STORE or APPEND (RFC 9051 §2.3.2): system flags as bits, keywords as a list.
 * \Recent cannot be set (RFC 3501 §2.3.2: session state) and is ignored; other "\" names are not
 * flags and are refused.
 */
record FlagArgs(int bits, List<String> keywords) {

    static FlagArgs parse(List<String> flags) {
        int bits = 0;
        Map<String, String> kws = new LinkedHashMap<>();
        for (String f : flags) {
            if (Flags.isSystem(f)) {
                int b = SystemFlags.bit(f);
                if (b == 0 && !f.equalsIgnoreCase(Flags.RECENT)) {
                    throw ImapFailure.bad("Invalid system flag " + (f.length() > 30 ? f.substring(0, 30) : f));
                }
                bits |= b;
            } else {
                kws.putIfAbsent(f.toLowerCase(Locale.ROOT), f);
            }
        }
        return new FlagArgs(bits, new ArrayList<>(kws.values()));
    }

    String keywordString() {
        return String.join(" ", keywords);
    }
}
