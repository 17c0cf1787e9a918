package org.dozvon.campaigns;

/** What kind of answer a script question takes, and so which input the workplace shows for it. */
public enum AnswerType {
    /** Any text, up to 4000 characters. */
    TEXT,
    /** {@code YES} or {@code NO}. */
    YES_NO,
    /** Exactly one of the question's options. */
    CHOICE,
    /** A number, whole or decimal (a comma is read as the decimal point). */
    NUMBER,
    /** A date, {@code yyyy-MM-dd}. */
    DATE;

    public String messageKey() {
        return "scripts.type." + name();
    }
}
