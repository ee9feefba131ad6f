package org.tegami.pipeline;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tegami.directory.Resolution;

/**
 * The inbound DATA path as an ordered list of named stages (DESIGN.md, pipeline). Checks come
 * first (authentication, classification), then outbound routing for remote recipients, then local
 * delivery. If remote recipients remain and no outbound stage is installed, the message is
 * deferred as a whole rather than partly delivered.
 */
public final class Pipeline {

    private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);

    /** Takes the remote recipients of a message (the outbound queue). */
    public interface OutboundStage extends Stage {}

    private final List<Stage> checks;
    private final OutboundStage outbound;
    private final Stage local;

    public Pipeline(List<Stage> checks, OutboundStage outbound, Stage local) {
        this.checks = List.copyOf(checks);
        this.outbound = outbound;
        this.local = local;
    }

    /** True if mail to remote addresses can be accepted (an outbound queue exists). */
    public boolean canRelay() {
        return outbound != null;
    }

    public Outcome process(InboundMessage m) {
        try {
            for (Stage s : checks) {
                Outcome o = s.apply(m);
                if (o != null) {
                    return o;
                }
            }
            if (hasRemote(m)) {
                if (outbound == null) {
                    return Outcome.rejected(451, "4.4.0", "Delivery to remote addresses is not available, try later");
                }
                Outcome o = outbound.apply(m);
                if (o != null) {
                    return o;
                }
            }
            Outcome o = local.apply(m);
            if (o != null) {
                return o;
            }
            return Outcome.accepted(m.id(), "message accepted");
        } catch (Exception e) {
            LOG.error("message {}: processing failed", m.id(), e);
            return Outcome.rejected(451, "4.3.0", "Temporary server error, please try again later");
        }
    }

    static boolean hasRemote(InboundMessage m) {
        for (Recipient r : m.recipients()) {
            if (r.resolution() instanceof Resolution.Remote) {
                return true;
            }
            if (r.resolution() instanceof Resolution.Local l && !l.forwards().isEmpty()) {
                return true;
            }
        }
        return false;
    }

    /** The stage names in order, for diagnostics. */
    public List<String> stageNames() {
        List<String> out = new ArrayList<>();
        checks.forEach(s -> out.add(s.name()));
        if (outbound != null) {
            out.add(outbound.name());
        }
        out.add(local.name());
        return out;
    }
}
