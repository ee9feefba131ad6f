package org.tegami.imap.imaptest;

/** An imaptest script that does not follow scripted_test.md; the message names file and line. */
public final class ScriptSyntaxException extends Exception {
    public ScriptSyntaxException(String message) {
        super(message);
    }
}
