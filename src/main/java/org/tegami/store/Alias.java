package org.tegami.store;

/**
 * An alias: mail for {@code source} goes to {@code target}. A source of "@domain" is the domain's
 * catch-all, used only when no account or alias matches exactly.
 */
public record Alias(String source, String target) {}
