package org.tegami.queue;

import org.tegami.store.QueueStore;

/**
 * What one attempt did for one recipient.
 *
 * @param kind delivered, failed for good, or to be retried
 * @param status RFC 3463 status for reports, e.g. "5.1.1"
 * @param diagnostic the remote reply or our own explanation (kept as the recipient's last reply)
 * @param remoteMta the host that answered, or null
 * @param remoteDsn the next hop took over DSN duties (it advertised DSN, RFC 3461 §5.2)
 */
record Outcome(QueueStore.QueuedRecipient recipient, Kind kind, String status, String diagnostic, String remoteMta,
        boolean remoteDsn) {

    enum Kind { DELIVERED, FAILED, DEFERRED }
}
