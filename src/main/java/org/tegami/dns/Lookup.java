package org.tegami.dns;

import java.util.List;

/**
 * The outcome of one DNS query. SPF and DMARC must tell "no such name" from "name exists, no
 * records of this type" (both are "void lookups", RFC 7208 §4.6.4) and from a temporary failure
 * (temperror), so the status is explicit instead of an empty list or an exception.
 *
 * @param authentic true when the answer was DNSSEC-validated (AD bit from a validating resolver)
 */
public record Lookup<T>(Status status, List<T> records, boolean authentic) {

    public enum Status {
        /** At least one record. */
        OK,
        /** The name does not exist (NXDOMAIN). */
        NXDOMAIN,
        /** The name exists but has no record of the asked type. */
        NODATA,
        /** Timeout, SERVFAIL or an unusable answer: try again later. */
        TEMPFAIL
    }

    public Lookup {
        records = List.copyOf(records);
    }

    public static <T> Lookup<T> ok(List<T> records, boolean authentic) {
        return records.isEmpty() ? nodata() : new Lookup<>(Status.OK, records, authentic);
    }

    public static <T> Lookup<T> ok(List<T> records) {
        return ok(records, false);
    }

    public static <T> Lookup<T> nxdomain() {
        return new Lookup<>(Status.NXDOMAIN, List.of(), false);
    }

    public static <T> Lookup<T> nodata() {
        return new Lookup<>(Status.NODATA, List.of(), false);
    }

    public static <T> Lookup<T> tempfail() {
        return new Lookup<>(Status.TEMPFAIL, List.of(), false);
    }

    public boolean isOk() {
        return status == Status.OK;
    }

    public boolean isTempfail() {
        return status == Status.TEMPFAIL;
    }

    /** NXDOMAIN or NODATA: the "void lookup" of RFC 7208 §4.6.4. */
    public boolean isVoid() {
        return status == Status.NXDOMAIN || status == Status.NODATA;
    }
}
