package org.tegami.threat;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Someone whose name attackers borrow: a local account (display name + its address) or a VIP
 * (display name + the addresses they really write from, which may be external).
 */
public record KnownPerson(String displayName, List<String> addresses) {

    public KnownPerson {
        Objects.requireNonNull(displayName, "displayName");
        addresses = addresses.stream().map(a -> a.strip().toLowerCase(Locale.ROOT)).toList();
    }

    public static KnownPerson of(String displayName, String... addresses) {
        return new KnownPerson(displayName, List.of(addresses));
    }

    /** True if this is one of the person's own addresses. */
    public boolean owns(String address) {
        return address != null && addresses.contains(address.toLowerCase(Locale.ROOT));
    }

    /** The first address, for explanations; "" if none is known. */
    public String primaryAddress() {
        return addresses.isEmpty() ? "" : addresses.get(0);
    }
}
