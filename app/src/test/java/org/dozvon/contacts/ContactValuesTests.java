package org.dozvon.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ContactValuesTests {

    @ParameterizedTest(name = "{0}")
    @CsvSource({"2026-11-24, 2026-11-24", "24.11.2026, 2026-11-24", "4.1.2026, 2026-01-04", "24/11/2026, 2026-11-24"})
    void readsDatesInTheAcceptedFormats(String value, LocalDate date) {
        assertThat(ContactValues.parseDate(value)).isEqualTo(date);
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"24-11-2026", "2026.11.24", "32.01.2026", "2026.11.24", "24112026", "tomorrow", ""})
    void refusesOtherDates(String value) {
        assertThat(ContactValues.parseDate(value)).isNull();
    }
}
