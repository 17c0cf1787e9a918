package org.dozvon.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** How masked values look, by field type, and what a user's {@link ShownFields} makes of a contact. */
class ValueMasksTests {

    @Test
    void phoneShowsCountryCodeFirstThreeAndLastTwoDigits() {
        assertThat(ValueMasks.mask(FieldType.PHONE, "+79123456789")).isEqualTo("+7 912 *** ** 89");
        assertThat(ValueMasks.mask(FieldType.PHONE, "+74951234567")).isEqualTo("+7 495 *** ** 67");
    }

    @Test
    void phoneOfAnotherCountrySplitsItsOwnCountryCode() {
        assertThat(ValueMasks.mask(FieldType.PHONE, "+442079460958")).isEqualTo("+44 207 *** ** 58");
        assertThat(ValueMasks.mask(FieldType.PHONE, "+375291234567")).isEqualTo("+375 291 *** * 67");
        assertThat(ValueMasks.mask(FieldType.PHONE, "+4915123456789")).isEqualTo("+49 151 *** *** 89");
    }

    @Test
    void shortPhoneNumberKeepsOnlyItsLastTwoDigits() {
        assertThat(ValueMasks.mask(FieldType.PHONE, "+3767123456")).isEqualTo("+376 *** 56");
    }

    @Test
    void valueOfAPhoneFieldThatIsNoNumberIsMaskedAsText() {
        assertThat(ValueMasks.mask(FieldType.PHONE, "unknown")).isEqualTo("u***n");
    }

    @Test
    void emailShowsTheFirstLetterAndTheDomain() {
        assertThat(ValueMasks.mask(FieldType.EMAIL, "ivan.petrov@mail.ru")).isEqualTo("i***@mail.ru");
        assertThat(ValueMasks.mask(FieldType.EMAIL, "a@b.ru")).isEqualTo("a***@b.ru");
        assertThat(ValueMasks.mask(FieldType.EMAIL, "no-at-sign")).isEqualTo("n***n");
    }

    @Test
    void textNumberAndDateShowTheFirstAndTheLastCharacter() {
        assertThat(ValueMasks.mask(FieldType.TEXT, "Иванов")).isEqualTo("И***в");
        assertThat(ValueMasks.mask(FieldType.NUMBER, new BigDecimal("1234.50"))).isEqualTo("1***0");
        assertThat(ValueMasks.mask(FieldType.NUMBER, 98765)).isEqualTo("9***5");
        assertThat(ValueMasks.mask(FieldType.DATE, "2026-11-24")).isEqualTo("2***4");
        assertThat(ValueMasks.mask(FieldType.TIMEZONE, "Asia/Yekaterinburg")).isEqualTo("A***g");
    }

    @Test
    void valuesOfTwoCharactersOrFewerBecomeStarsOnly() {
        assertThat(ValueMasks.mask(FieldType.TEXT, "Ян")).isEqualTo("***");
        assertThat(ValueMasks.mask(FieldType.TEXT, "Я")).isEqualTo("***");
        assertThat(ValueMasks.mask(FieldType.NUMBER, 7)).isEqualTo("***");
        assertThat(ValueMasks.mask(FieldType.TEXT, "")).isEqualTo("***");
    }

    @Test
    void charactersOutsideTheBasicPlaneAreNeverCutInHalf() {
        assertThat(ValueMasks.mask(FieldType.TEXT, "😀abc😀")).isEqualTo("😀***😀");
        assertThat(ValueMasks.mask(FieldType.TEXT, "😀😀")).isEqualTo("***");
    }

    @Test
    void nothingStaysNothing() {
        assertThat(ValueMasks.mask(FieldType.TEXT, null)).isNull();
    }

    @Test
    void shownFieldsMaskMaskedValuesAndLeaveHiddenOnesOut() {
        ShownFields shown = new ShownFields(
                Map.of("mobile", FieldVisibility.MASKED, "passport", FieldVisibility.HIDDEN, "email", FieldVisibility.MASKED),
                Map.of("mobile", FieldType.PHONE, "passport", FieldType.TEXT, "email", FieldType.EMAIL));
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("name", "Иван");
        values.put("mobile", "+79123456789");
        values.put("passport", "4510 123456");
        values.put("email", "ivan@mail.ru");

        assertThat(shown.values(values)).containsExactly(Map.entry("name", "Иван"),
                Map.entry("mobile", "+7 912 *** ** 89"), Map.entry("email", "i***@mail.ru"));
        assertThat(shown.value("passport", "4510 123456")).isNull();
        assertThat(shown.number("mobile", "+79123456789")).isEqualTo("+7 912 *** ** 89");
        assertThat(shown.number("work", "+79123456789")).isEqualTo("+79123456789");
        assertThat(shown.number(null, "+79123456789")).as("a number of no known field").isEqualTo("+7 912 *** ** 89");
        assertThat(shown.restrictsPhones()).isTrue();
    }

    @Test
    void aMaskTypedBackIntoAFieldTheWriterCannotReadIsRecognised() {
        ShownFields shown = new ShownFields(Map.of("mobile", FieldVisibility.MASKED), Map.of("mobile", FieldType.PHONE));
        assertThat(shown.looksMasked("mobile", "+7 912 *** ** 89")).isTrue();
        assertThat(shown.looksMasked("mobile", "+79123456789")).isFalse();
        assertThat(shown.looksMasked("name", "a***b")).as("a field in clear takes any value").isFalse();
    }

    @Test
    void theMostOpenOfTwoAccessesWins() {
        assertThat(FieldVisibility.HIDDEN.or(FieldVisibility.MASKED)).isEqualTo(FieldVisibility.MASKED);
        assertThat(FieldVisibility.MASKED.or(FieldVisibility.VISIBLE)).isEqualTo(FieldVisibility.VISIBLE);
        assertThat(FieldVisibility.HIDDEN.or(FieldVisibility.HIDDEN)).isEqualTo(FieldVisibility.HIDDEN);
    }
}
