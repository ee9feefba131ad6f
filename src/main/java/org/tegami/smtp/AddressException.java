package org.tegami.smtp;

/** A path or mailbox that does not follow RFC 5321 syntax. */
public final class AddressException extends Exception {
    public AddressException(String message) {
        super(message);
    }
}
