package org.dozvon.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
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

    @ParameterizedTest(name = "in {0}")
    @CsvSource({"RU", "BY", "US"})
    void answersForBareDigitsWhatLibphonenumberAnswersForTheNumberAsWritten(String region) {
        PhoneNumbers numbers = new PhoneNumbers(new ContactsProperties(region));
        SplittableRandom random = new SplittableRandom(20261124);
        String[] formats = {"8 (9##) ###-##-##", "+7 (###) ###-##-##", "+7 ### ### ## ##", "8-###-###-##-##", "(###) ###-####",
                "###.###.####", "+375 (##) ###-##-##", "+1 ###-###-####", "+44 #### ######", "8 ##### #-##-##",
                "+49 (0) ### #######", "00 7 ### ### ## ##", "810 375 ## ### ## ##", "#-###", "+(7) ###", "((#)) ##-#"};
        String alphabet = "0123456789 -.()+";
        String others = "x#/,;~\u00A0a*";
        int compared = 0;
        for (int i = 0; i < 40_000; i++) {
            StringBuilder raw = new StringBuilder();
            if (i % 2 == 0) {
                for (char c : formats[random.nextInt(formats.length)].toCharArray()) {
                    raw.append(c == '#' ? (char) ('0' + random.nextInt(10)) : c);
                }
            } else {
                int length = random.nextInt(1, 22);
                for (int k = 0; k < length; k++) {
                    raw.append(alphabet.charAt(random.nextInt(alphabet.length())));
                }
            }
            if (random.nextInt(20) == 0) {
                raw.insert(random.nextInt(raw.length() + 1), others.charAt(random.nextInt(others.length())));
            }
            String text = raw.toString();
            assertThat(numbers.normalize(text)).as("'%s'", text).isEqualTo(numbers.normalizeAsGiven(text));
            compared++;
        }
        String longOne = "1" + " ".repeat(250) + "23";
        assertThat(numbers.normalize(longOne)).isEqualTo(numbers.normalizeAsGiven(longOne));
        assertThat(compared).isEqualTo(40_000);
    }

    @Test
    void keepsEverythingButPunctuationAroundDigits() {
        assertThat(PhoneNumbers.withoutPunctuation("8 (912) 345-67.89")).isEqualTo("89123456789");
        assertThat(PhoneNumbers.withoutPunctuation("(+7) 912")).isEqualTo("+7912");
        assertThat(PhoneNumbers.withoutPunctuation("7+912")).isEqualTo("7+912");
        assertThat(PhoneNumbers.withoutPunctuation("-1.3")).isEqualTo("-1.3");
        assertThat(PhoneNumbers.withoutPunctuation("912 ext. 5")).isEqualTo("912 ext. 5");
        assertThat(PhoneNumbers.withoutPunctuation("8 912 345 67 89 #12")).isEqualTo("8 912 345 67 89 #12");
    }
}
