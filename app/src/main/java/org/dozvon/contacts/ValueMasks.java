package org.dozvon.contacts;

import java.math.BigDecimal;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

/**
 * A value as a user whose roles see its field {@link FieldVisibility#MASKED masked} is shown it: enough to tell two
 * values apart on the phone ("the one ending in 89"), never enough to write the value down.
 */
final class ValueMasks {

    /** What stands for the characters left out; a value holding it was never typed by a person who saw the value. */
    static final String STARS = "***";

    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
    /** National numbers shorter than this show only their last two digits: 3 + 2 would leave too little out. */
    private static final int SHORTEST_WITH_PREFIX = 8;

    private ValueMasks() {
    }

    /** The masked form of a stored value of a field of this type; null stays null. */
    static String mask(FieldType type, Object value) {
        if (value == null) {
            return null;
        }
        String text = value instanceof BigDecimal number ? number.toPlainString() : String.valueOf(value);
        return switch (type) {
            case PHONE -> phone(text);
            case EMAIL -> email(text);
            default -> text(text);
        };
    }

    /**
     * The country code, the first three digits of the national number, and its last two:
     * {@code +79123456789} → {@code +7 912 *** ** 89}. A value that is no E.164 number is masked as text.
     */
    static String phone(String e164) {
        PhoneNumber number;
        try {
            number = PHONES.parse(e164, "ZZ");
        } catch (NumberParseException e) {
            return text(e164);
        }
        String national = PHONES.getNationalSignificantNumber(number);
        StringBuilder shown = new StringBuilder("+").append(number.getCountryCode()).append(' ');
        int length = national.length();
        if (length >= SHORTEST_WITH_PREFIX) {
            shown.append(national, 0, 3).append(' ').append(stars(length - 5));
        } else {
            shown.append(STARS);
        }
        if (length >= 4) {
            shown.append(' ').append(national, length - 2, length);
        }
        return shown.toString();
    }

    /** The first letter of the mailbox and the whole domain: {@code ivan@mail.ru} → {@code i***@mail.ru}. */
    static String email(String address) {
        int at = address.lastIndexOf('@');
        if (at <= 0) {
            return text(address);
        }
        return address.substring(0, address.offsetByCodePoints(0, 1)) + STARS + address.substring(at);
    }

    /** The first and the last character: {@code Иванов} → {@code И***в}; two characters or fewer → {@code ***}. */
    static String text(String value) {
        int length = value.codePointCount(0, value.length());
        if (length <= 2) {
            return STARS;
        }
        return value.substring(0, value.offsetByCodePoints(0, 1)) + STARS
                + value.substring(value.offsetByCodePoints(0, length - 1));
    }

    /** Digits left out, in groups of three as a number is read aloud: 5 → {@code *** **}. */
    private static String stars(int count) {
        StringBuilder stars = new StringBuilder();
        for (int i = 0; i < count; i++) {
            if (i > 0 && i % 3 == 0) {
                stars.append(' ');
            }
            stars.append('*');
        }
        return stars.toString();
    }
}
