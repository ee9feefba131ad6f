package org.tegami.imap;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Commands valid in every state: RFC 9051 §6.1, and ID (RFC 2971). */
public sealed interface AnyStateCommand extends Command {

    /** RFC 9051 §6.1.1. */
    record Capability(String tag) implements AnyStateCommand {
        public String name() {
            return "CAPABILITY";
        }
    }

    /** RFC 9051 §6.1.2. */
    record Noop(String tag) implements AnyStateCommand {
        public String name() {
            return "NOOP";
        }
    }

    /** RFC 9051 §6.1.3. */
    record Logout(String tag) implements AnyStateCommand {
        public String name() {
            return "LOGOUT";
        }
    }

    /**
     * ID (RFC 2971 §3.1): client identification.
     *
     * @param fields field/value pairs in order (values may be null), or null for "ID NIL"
     */
    record Id(String tag, Map<String, String> fields) implements AnyStateCommand {
        public Id {
            fields = fields == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        }

        public String name() {
            return "ID";
        }
    }
}
