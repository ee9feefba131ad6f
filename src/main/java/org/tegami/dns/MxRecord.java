package org.tegami.dns;

/** One MX record: lower preference is tried first (RFC 5321 §5.1). Host has no trailing dot. */
public record MxRecord(int preference, String host) {}
