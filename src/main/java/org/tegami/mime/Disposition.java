package org.tegami.mime;

import java.util.List;
import java.util.Locale;

/** A parsed Content-Disposition (RFC 2183): "inline" / "attachment" plus decoded parameters. */
public record Disposition(String type, List<ContentType.Param> params) {

    public Disposition {
        type = type.toLowerCase(Locale.ROOT);
        params = List.copyOf(params);
    }

    public String param(String name) {
        for (ContentType.Param p : params) {
            if (p.name().equalsIgnoreCase(name)) {
                return p.value();
            }
        }
        return null;
    }

    public static Disposition parse(String value) {
        return HeaderParams.parseDisposition(value);
    }
}
