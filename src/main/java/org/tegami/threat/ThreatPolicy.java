package org.tegami.threat;

import java.util.Objects;

/**
 * Score thresholds that turn a score into an {@link Action}, and the tagging text. A threshold is
 * the lowest score that triggers its action; set one to {@code Double.POSITIVE_INFINITY} to
 * disable that action.
 *
 * @param tag score from which a message is tagged (subject prefix + banner); default 5
 * @param junk score from which it goes to the Junk mailbox; default 8
 * @param quarantine score from which it is held in quarantine; default 10 (one executable
 *     attachment alone reaches it)
 * @param reject score from which it is refused at SMTP time; default 25, so only messages that
 *     stack several strong findings are refused (quarantine can be released, a reject cannot)
 * @param subjectPrefix prefix added to the Subject when tagging; default "[SUSPICIOUS]"
 */
public record ThreatPolicy(double tag, double junk, double quarantine, double reject, String subjectPrefix) {

    public static final ThreatPolicy DEFAULT = new ThreatPolicy(5.0, 8.0, 10.0, 25.0, "[SUSPICIOUS]");

    public ThreatPolicy {
        Objects.requireNonNull(subjectPrefix, "subjectPrefix");
        if (!(tag > 0) || !(junk >= tag) || !(quarantine >= junk) || !(reject >= quarantine)) {
            throw new IllegalArgumentException(
                    "thresholds must satisfy 0 < tag <= junk <= quarantine <= reject: " + tag + ", " + junk + ", "
                            + quarantine + ", " + reject);
        }
        if (subjectPrefix.indexOf('\r') >= 0 || subjectPrefix.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("subject prefix must be one line");
        }
    }

    /** The action for a score. */
    public Action actionFor(double score) {
        if (score >= reject) {
            return Action.REJECT;
        }
        if (score >= quarantine) {
            return Action.QUARANTINE;
        }
        if (score >= junk) {
            return Action.JUNK;
        }
        if (score >= tag) {
            return Action.TAG;
        }
        return Action.DELIVER;
    }
}
