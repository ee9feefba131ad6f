package org.tegami.pipeline;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.tegami.store.Account;
import org.tegami.store.DirectoryStore;
import org.tegami.threat.AnalysisContext;
import org.tegami.threat.AuthSummary;
import org.tegami.threat.CorrespondentHistory;
import org.tegami.threat.KnownPerson;

/**
 * Builds the {@link AnalysisContext} a message is judged in — the one place that does, for live
 * delivery ({@link ThreatStage}) and for {@code tegami analyze}: our domains and the display
 * names of our accounts (from the directory, reloaded at most every {@code ttlMillis}), the
 * configured VIPs, the correspondence history, and the authentication results.
 */
public final class ThreatContexts {

    private final DirectoryStore directory;
    private final List<KnownPerson> vips;
    private final StoreCorrespondentHistory history;
    private final Clock clock;
    private final long ttlMillis;
    private volatile Snapshot snapshot;

    private record Snapshot(Set<String> domains, List<KnownPerson> people, long loadedAt) {}

    /**
     * @param directory our domains and accounts; null when there is no data directory
     * @param history the store's correspondence history; null for none
     */
    public ThreatContexts(DirectoryStore directory, List<KnownPerson> vips, StoreCorrespondentHistory history, Clock clock,
            long ttlMillis) {
        this.directory = directory;
        this.vips = List.copyOf(vips);
        this.history = history;
        this.clock = clock;
        this.ttlMillis = ttlMillis;
    }

    /**
     * The context for one message.
     *
     * @param extraDomains domains to count as ours besides the directory's (the CLI's --recipient-domain)
     * @param envelopeFrom the MAIL FROM address, or null to use the message's Return-Path
     */
    public AnalysisContext build(AuthSummary auth, Set<String> extraDomains, String envelopeFrom) {
        Snapshot s = snapshot();
        Set<String> domains = new LinkedHashSet<>(s.domains());
        domains.addAll(extraDomains);
        CorrespondentHistory h = history == null ? CorrespondentHistory.none() : history.view();
        return new AnalysisContext(auth, domains, s.people(), vips, h, envelopeFrom);
    }

    private Snapshot snapshot() {
        Snapshot s = snapshot;
        long now = clock.millis();
        if (s == null || now - s.loadedAt() >= ttlMillis) {
            s = load(now);
            snapshot = s;
        }
        return s;
    }

    private Snapshot load(long now) {
        if (directory == null) {
            return new Snapshot(Set.of(), List.of(), now);
        }
        List<KnownPerson> people = new ArrayList<>();
        for (Account a : directory.accounts(null)) {
            if (a.displayName() != null && !a.displayName().isBlank()) {
                people.add(KnownPerson.of(a.displayName(), a.address()));
            }
        }
        return new Snapshot(Set.copyOf(directory.domains()), List.copyOf(people), now);
    }
}
