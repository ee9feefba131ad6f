package org.tegami.threat;

import java.util.List;

/** One family of checks. Implementations are stateless and add findings to {@code out}. */
interface Detector {

    void detect(MessageContent m, AnalysisContext ctx, Budget budget, List<Finding> out);
}
