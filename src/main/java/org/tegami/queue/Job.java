package org.tegami.queue;

import java.util.List;
import org.tegami.store.QueueStore;

/** Recipients of one queued message that go to one destination: one SMTP transaction. */
record Job(long messageId, String domain, List<QueueStore.QueuedRecipient> recipients) {
    public Job {
        recipients = List.copyOf(recipients);
    }
}
