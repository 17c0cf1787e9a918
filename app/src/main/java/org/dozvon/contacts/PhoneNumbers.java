package org.dozvon.contacts;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.PhoneNumberUtil.ValidationResult;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

import org.springframework.stereotype.Service;

/**
 * Turns a phone number as people write it into E.164, or says why it cannot: every phone Dozvon
 * stores or dials went through here. Numbers without a country code are read in the default region
 * ({@code DOZVON_DEFAULT_REGION}).
 */
@Service
public class PhoneNumbers {

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    /** libphonenumber's own limit on the length of what it parses. */
    private static final int MAX_INPUT_LENGTH = 250;

    private final String defaultRegion;

    public PhoneNumbers(ContactsProperties properties) {
        this.defaultRegion = properties.defaultRegion();
    }

    /** The number in E.164 ({@code +79123456789}), or the reason it is not a phone number. */
    public Normalized normalize(String raw) {
        if (raw == null || raw.isBlank()) {
            return Normalized.invalid("empty");
        }
        return parse(withoutPunctuation(raw));
    }

    /**
     * As {@link #normalize}, but hands libphonenumber the number exactly as given: what the tests hold
     * {@link #normalize} to.
     */
    Normalized normalizeAsGiven(String raw) {
        if (raw == null || raw.isBlank()) {
            return Normalized.invalid("empty");
        }
        return parse(raw);
    }

    private Normalized parse(String text) {
        PhoneNumber number;
        try {
            number = UTIL.parse(text, defaultRegion);
        } catch (NumberParseException e) {
            return Normalized.invalid(switch (e.getErrorType()) {
                case INVALID_COUNTRY_CODE -> "unknown country code";
                case TOO_SHORT_AFTER_IDD, TOO_SHORT_NSN -> "too short";
                case TOO_LONG -> "too long";
                case NOT_A_NUMBER -> "not a phone number";
            });
        }
        ValidationResult possible = UTIL.isPossibleNumberWithReason(number);
        if (possible != ValidationResult.IS_POSSIBLE && possible != ValidationResult.IS_POSSIBLE_LOCAL_ONLY) {
            return Normalized.invalid(switch (possible) {
                case TOO_SHORT -> "too short";
                case TOO_LONG -> "too long";
                case INVALID_COUNTRY_CODE -> "unknown country code";
                default -> "not a phone number";
            });
        }
        if (!UTIL.isValidNumber(number)) {
            String region = UTIL.getRegionCodeForCountryCode(number.getCountryCode());
            return Normalized.invalid("no such number in the numbering plan of " + region);
        }
        return Normalized.valid(UTIL.format(number, PhoneNumberFormat.E164));
    }

    /**
     * The number without the spaces, hyphens, dots and brackets people write it with, when that is all
     * it has besides ASCII digits (three at least) and a leading {@code +}; otherwise the number as
     * given. libphonenumber drops these characters itself and answers the same for both forms (a test
     * checks it over many numbers), but its patterns (extensions above all) run a good deal faster over
     * bare digits, which counts when an import reads two million phones. With fewer than three digits
     * the punctuation matters to it ("1-2" is not a number, "12" is a short one), so it stays.
     */
    static String withoutPunctuation(String raw) {
        if (raw.length() > MAX_INPUT_LENGTH) {
            return raw; // libphonenumber refuses it as too long; shortened, it might not
        }
        StringBuilder digits = new StringBuilder(raw.length());
        int count = 0;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c >= '0' && c <= '9') {
                digits.append(c);
                count++;
            } else if (c == '+' && digits.isEmpty()) {
                digits.append(c);
            } else if (c != ' ' && c != '-' && c != '.' && c != '(' && c != ')') {
                return raw;
            }
        }
        return count >= 3 ? digits.toString() : raw;
    }

    /** Either {@code e164} or {@code problem} is set. */
    public record Normalized(String e164, String problem) {

        static Normalized valid(String e164) {
            return new Normalized(e164, null);
        }

        static Normalized invalid(String problem) {
            return new Normalized(null, problem);
        }

        public boolean valid() {
            return e164 != null;
        }
    }
}
