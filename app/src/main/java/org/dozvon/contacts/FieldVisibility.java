package org.dozvon.contacts;

/**
 * How a role sees a contact field's values (manual 3.1.1.5), from the most open to the most closed: a user with
 * several roles gets the most open one among them.
 */
public enum FieldVisibility {
    /** In clear: what every role has unless told otherwise. */
    VISIBLE,
    /** Masked by the field's type ({@code +7 912 *** ** 89}, {@code i***@mail.ru}, {@code И***в}); read-only. */
    MASKED,
    /** Left out: no column, no key, no row. */
    HIDDEN;

    /** The more open of the two. */
    FieldVisibility or(FieldVisibility other) {
        return ordinal() <= other.ordinal() ? this : other;
    }
}
