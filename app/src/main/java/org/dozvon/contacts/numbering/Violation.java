package org.dozvon.contacts.numbering;

/** A user's input that breaks a rule: the form field and the message (key and arguments) to show beside it. */
record Violation(String field, String messageKey, Object... arguments) {
}
