package org.dozvon;

/**
 * A user's input that breaks a rule: the form field and the message (bundle key and arguments) to
 * show beside it. Shared by every module's forms and shown by {@code fragments :: field-errors}.
 */
public record Violation(String field, String messageKey, Object... arguments) {
}
