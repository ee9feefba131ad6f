package org.tegami.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.tegami.directory.Resolution;
import org.tegami.store.Account;
import org.tegami.store.CorrespondentStore;
import org.tegami.store.DirectoryStore;
import org.tegami.threat.CorrespondentHistory;

/**
 * Final delivery followed by learning who corresponds with whom, once the message is safely
 * accepted: for mail from outside, its From address for each receiving account (only when the
 * threat check found it learnable, see {@link ThreatStage.Result}); for mail a user submits, each
 * outside recipient for that user's account. Wraps the final stage so that nothing is learned
 * from a message that was refused or failed.
 */
public final class CorrespondentStage implements Stage {

    private final Stage delivery;
    private final DirectoryStore directory;
    private final CorrespondentRecorder recorder;

    public CorrespondentStage(Stage delivery, DirectoryStore directory, CorrespondentRecorder recorder) {
        this.delivery = delivery;
        this.directory = directory;
        this.recorder = recorder;
    }

    @Override
    public String name() {
        return delivery.name();
    }

    @Override
    public Outcome apply(InboundMessage m) throws Exception {
        Outcome o = delivery.apply(m);
        if (o == null) {
            recorder.add(observations(m));
        }
        return o;
    }

    List<CorrespondentStore.Observation> observations(InboundMessage m) {
        List<CorrespondentStore.Observation> out = new ArrayList<>();
        SessionInfo s = m.session();
        if (s.role() == Role.SUBMISSION) {
            Optional<Account> me = s.authUser() == null ? Optional.empty() : directory.account(s.authUser());
            if (me.isEmpty()) {
                return out;
            }
            for (Recipient r : m.recipients()) {
                if (r.resolution() instanceof Resolution.Remote) {
                    String address = r.address().key();
                    out.add(new CorrespondentStore.Observation(me.get().id(), address,
                            CorrespondentHistory.organization(r.address().asciiDomain()), true));
                }
            }
            return out;
        }
        ThreatStage.Result t = m.get(ThreatStage.Result.class);
        if (t == null || !t.learnable()) {
            return out;
        }
        String domain = CorrespondentHistory.organization(t.from().substring(t.from().lastIndexOf('@') + 1));
        List<Long> seen = new ArrayList<>();
        for (Recipient r : m.recipients()) {
            if (r.resolution() instanceof Resolution.Local l) {
                for (Account a : l.accounts()) {
                    if (!seen.contains(a.id())) {
                        seen.add(a.id());
                        out.add(new CorrespondentStore.Observation(a.id(), t.from(), domain, false));
                    }
                }
            }
        }
        return out;
    }
}
