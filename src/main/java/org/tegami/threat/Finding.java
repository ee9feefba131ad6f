package org.tegami.threat;

import java.util.Objects;

/**
 * One reason behind a verdict.
 *
 * @param id stable machine-readable identifier ("impersonation.display-name"); documented in
 *     docs/threat.md and never renamed, since users write filters against it
 * @param weight contribution to the score (findings with the same id count once, at their
 *     highest weight)
 * @param explanation one English sentence naming the specifics, shown to the recipient
 */
public record Finding(String id, double weight, String explanation) {

    public Finding {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(explanation, "explanation");
        if (!(weight >= 0) || Double.isInfinite(weight)) {
            throw new IllegalArgumentException("weight must be finite and >= 0: " + weight);
        }
    }
}
