package org.tegami.mime;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The header fields of one entity, in order. */
public final class Headers {

    private final List<HeaderField> fields;

    public Headers(List<HeaderField> fields) {
        this.fields = Collections.unmodifiableList(new ArrayList<>(fields));
    }

    public List<HeaderField> fields() {
        return fields;
    }

    /** First field with this name (case-insensitive), or null. */
    public HeaderField first(String name) {
        for (HeaderField f : fields) {
            if (f.is(name)) {
                return f;
            }
        }
        return null;
    }

    /** Unfolded value of the first field with this name, or null. */
    public String value(String name) {
        HeaderField f = first(name);
        return f == null ? null : f.value().strip();
    }

    public List<HeaderField> all(String name) {
        List<HeaderField> out = new ArrayList<>();
        for (HeaderField f : fields) {
            if (f.is(name)) {
                out.add(f);
            }
        }
        return out;
    }

    public int count(String name) {
        int n = 0;
        for (HeaderField f : fields) {
            if (f.is(name)) {
                n++;
            }
        }
        return n;
    }
}
