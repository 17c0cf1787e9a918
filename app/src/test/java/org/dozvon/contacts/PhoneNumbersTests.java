package org.dozvon.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PhoneNumbersTests {

    private final PhoneNumbers russian = new PhoneNumbers(new ContactsProperties("RU"));

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "8 (912) 345-67-89 | +79123456789",
            "+7 912 345 67 89   | +79123456789",
            "79123456789        | +79123456789",
            "89123456789        | +79123456789",
            "9123456789         | +79123456789",
            "8 (495) 123-45-67  | +74951234567",
            "+375 29 123-45-67  | +375291234567",
            "+1 650 253 0000    | +16502530000",
    })
    void writesNumbersInE164(String raw, String e164) {
        PhoneNumbers.Normalized normalized = russian.normalize(raw);

        assertThat(normalized.problem()).isNull();
        assertThat(normalized.e164()).isEqualTo(e164);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "8-800           | too short",
            "hello           | not a phone number",
            "''              | empty",
            "+999 123 456 789 | unknown country code",
            "8 (912) 345-67-89-12-34 | no such number in the numbering plan of RU",
            "+7 912 345 67 89 12 34 56 78 90 | too long",
            "8 (012) 345-67-89 | no such number in the numbering plan of RU",
    })
    void saysWhyANumberIsRejected(String raw, String problem) {
        PhoneNumbers.Normalized normalized = russian.normalize(raw);

        assertThat(normalized.valid()).isFalse();
        assertThat(normalized.problem()).isEqualTo(problem);
    }

    @ParameterizedTest(name = "{0} in BY -> {1}")
    @CsvSource(delimiter = '|', value = {"8 029 123-45-67 | +375291234567", "+7 912 345 67 89 | +79123456789"})
    void readsNationalNumbersInTheConfiguredRegion(String raw, String e164) {
        assertThat(new PhoneNumbers(new ContactsProperties("BY")).normalize(raw).e164()).isEqualTo(e164);
    }
}
