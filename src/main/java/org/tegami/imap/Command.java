package org.tegami.imap;

/**
 * A parsed client command (RFC 9051 §6 and the extensions Tegami supports). Immutable records,
 * grouped by the state RFC 9051 first allows them in — {@link AnyStateCommand} (§6.1),
 * {@link NotAuthenticatedCommand} (§6.2), {@link AuthenticatedCommand} (§6.3),
 * {@link SelectedCommand} (§6.4) — so a session can check "allowed in this state" once, on the
 * type, before dispatch.
 */
public sealed interface Command
        permits AnyStateCommand, NotAuthenticatedCommand, AuthenticatedCommand, SelectedCommand {

    /** The client's tag, echoed in the tagged reply. */
    String tag();

    /** The command name as the client would write it, upper case ("UID FETCH", "EXAMINE"). */
    String name();
}
