package org.tegami.app;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.tegami.config.ThreatConfig;
import org.tegami.pipeline.CorrespondentRecorder;
import org.tegami.pipeline.Quarantine;
import org.tegami.pipeline.StoreCorrespondentHistory;
import org.tegami.pipeline.ThreatContexts;
import org.tegami.pipeline.ThreatStage;
import org.tegami.store.DirectoryStore;
import org.tegami.store.Store;
import org.tegami.threat.HtmlNeutralizer;
import org.tegami.threat.KnownPerson;
import org.tegami.threat.ThreatAnalyzer;
import org.tegami.threat.ThreatPolicy;

/**
 * [threat] config to threat-check components, shared by the server and {@code tegami analyze} so
 * that both judge a message with the same policy, analyzer and context builder.
 */
public final class ThreatWiring {

    /** How long our domains and people, and the history's aggregates, are cached by the server. */
    static final long SERVER_CACHE_MILLIS = 5_000;

    private ThreatWiring() {}

    public static ThreatAnalyzer analyzer(ThreatConfig c) {
        return new ThreatAnalyzer(new ThreatPolicy(c.tag(), c.junk(), c.quarantine(), c.reject(), c.subjectPrefix()));
    }

    public static List<KnownPerson> vips(ThreatConfig c) {
        List<KnownPerson> out = new ArrayList<>();
        for (ThreatConfig.Vip v : c.vips()) {
            out.add(new KnownPerson(v.displayName(), v.addresses()));
        }
        return out;
    }

    /**
     * The context builder.
     *
     * @param directory null when there is no data directory (offline analysis of a file only)
     * @param history null for no history
     */
    public static ThreatContexts contexts(ThreatConfig c, DirectoryStore directory, StoreCorrespondentHistory history, Clock clock,
            long cacheMillis) {
        return new ThreatContexts(directory, vips(c), history, clock, cacheMillis);
    }

    /** The correspondence history of a store, as the threat check reads it. */
    public static StoreCorrespondentHistory history(Store store, Clock clock, long cacheMillis) {
        return new StoreCorrespondentHistory(store.correspondents(), clock, cacheMillis);
    }

    public static Quarantine quarantine(Store store, Clock clock) {
        return new Quarantine(store.quarantine(), store.mail(), store.blobs(), store.directory(), clock);
    }

    /** The pipeline stage of a running server. */
    static ThreatStage stage(ThreatConfig c, Store store, StoreCorrespondentHistory history, Clock clock) {
        HtmlNeutralizer neutralizer = c.neutralizeHtml().isEmpty() ? null : new HtmlNeutralizer(true);
        return new ThreatStage(analyzer(c), contexts(c, store.directory(), history, clock, SERVER_CACHE_MILLIS),
                quarantine(store, clock), new HashSet<>(c.neutralizeHtml()), neutralizer, c.submittedAttachments());
    }

    /** The background writer of correspondent observations. */
    static CorrespondentRecorder recorder(Store store, StoreCorrespondentHistory history, Clock clock) {
        return new CorrespondentRecorder(store.correspondents(), history, clock);
    }
}
