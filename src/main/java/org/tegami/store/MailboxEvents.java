package org.tegami.store;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * In-process change feed: after a change commits, listeners of that mailbox hear of it (IMAP IDLE,
 * other sessions on the mailbox, POP3). With several nodes, PostgreSQL LISTEN/NOTIFY will feed the
 * same interface.
 */
public final class MailboxEvents {

    /** What changed in a mailbox; listeners re-read what they need. */
    public enum Change { ADDED, FLAGS, EXPUNGED, RENAMED, DELETED }

    public interface Listener {
        void changed(long mailboxId, Change change);
    }

    private final Map<Long, List<Listener>> listeners = new ConcurrentHashMap<>();

    public void subscribe(long mailboxId, Listener l) {
        listeners.computeIfAbsent(mailboxId, k -> new CopyOnWriteArrayList<>()).add(l);
    }

    public void unsubscribe(long mailboxId, Listener l) {
        List<Listener> list = listeners.get(mailboxId);
        if (list != null) {
            list.remove(l);
            if (list.isEmpty()) {
                listeners.remove(mailboxId, list);
            }
        }
    }

    public void publish(long mailboxId, Change change) {
        List<Listener> list = listeners.get(mailboxId);
        if (list == null) {
            return;
        }
        for (Listener l : list) {
            try {
                l.changed(mailboxId, change);
            } catch (RuntimeException e) {
                // one broken listener must not stop delivery notifications to the others
            }
        }
    }
}
