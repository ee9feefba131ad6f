package org.tegami.dns;

/** One TLSA record (RFC 6698), kept for DANE (RFC 7672). */
public record TlsaRecord(int usage, int selector, int matchingType, byte[] data) {}
