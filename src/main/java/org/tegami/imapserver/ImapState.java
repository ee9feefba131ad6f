package org.tegami.imapserver;

import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import org.tegami.imap.AnyStateCommand;
import org.tegami.imap.AuthenticatedCommand;
import org.tegami.imap.Command;
import org.tegami.imap.NotAuthenticatedCommand;
import org.tegami.imap.SelectedCommand;

/**
 * Session states of RFC 9051 §3 and the commands allowed in each, as data (STYLE.md §1): the codec
 * groups commands by the state that first allows them, and each state allows a set of groups.
 * Checked once before dispatch; anything else gets BAD.
 */
enum ImapState {
    /** §3.1: before LOGIN/AUTHENTICATE. */
    NOT_AUTHENTICATED,
    /** §3.2: logged in, no mailbox selected. */
    AUTHENTICATED,
    /** §3.3: a mailbox is selected. */
    SELECTED,
    /** §3.4: after LOGOUT or BYE: nothing more is read. */
    LOGOUT;

    private static final Map<ImapState, Set<Class<? extends Command>>> ALLOWED = new EnumMap<>(ImapState.class);

    static {
        ALLOWED.put(NOT_AUTHENTICATED, Set.of(AnyStateCommand.class, NotAuthenticatedCommand.class));
        ALLOWED.put(AUTHENTICATED, Set.of(AnyStateCommand.class, AuthenticatedCommand.class));
        ALLOWED.put(SELECTED, Set.of(AnyStateCommand.class, AuthenticatedCommand.class, SelectedCommand.class));
        ALLOWED.put(LOGOUT, Set.of());
    }

    boolean allows(Command c) {
        for (Class<? extends Command> group : ALLOWED.get(this)) {
            if (group.isInstance(c)) {
                return true;
            }
        }
        return false;
    }

    /** The reply text for a command this state does not allow. */
    String refusal(Command c) {
        return switch (this) {
            case NOT_AUTHENTICATED -> c.name() + " is not allowed before authentication";
            case AUTHENTICATED -> c instanceof SelectedCommand
                    ? c.name() + " needs a selected mailbox (SELECT or EXAMINE first)"
                    : c.name() + " is not allowed after authentication";
            case SELECTED -> c.name() + " is not allowed after authentication";
            case LOGOUT -> "Logging out";
        };
    }
}
