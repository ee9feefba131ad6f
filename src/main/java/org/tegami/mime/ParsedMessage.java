package org.tegami.mime;

/** The result of parsing a whole message: its structure, envelope and top-level header fields. */
public record ParsedMessage(MimePart root, Envelope envelope, Headers headers) {}
