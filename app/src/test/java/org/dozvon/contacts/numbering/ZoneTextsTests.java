package org.dozvon.contacts.numbering;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ZoneTextsTests {

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = ';', textBlock = """
            Asia/Yekaterinburg;  Asia/Yekaterinburg
            asia/yekaterinburg;  Asia/Yekaterinburg
            Europe/Moscow;       Europe/Moscow
            UTC+5;               +05:00
            utc + 5;             +05:00
            +05:00;              +05:00
            +5;                  +05:00
            5;                   +05:00
            GMT+3;               +03:00
            UTC-03:30;           -03:30
            UTC+0530;            +05:30
            UTC;                 Z
            Z;                   Z
            MSK;                 +03:00
            MSK+2;               +05:00
            МСК+4;               +07:00
            мск-1;               +02:00
            UTC+14;              +14:00
            """)
    void readsZonesAsPeopleWriteThem(String text, String zone) {
        assertThat(ZoneTexts.parse(text)).contains(ZoneId.of(zone));
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "Moscow", "UTC+25", "+5:75", "UTC+", "Europe/Atlantis", "+15", "12345"})
    void refusesWhatIsNotAZone(String text) {
        assertThat(ZoneTexts.parse(text)).isEmpty();
    }

    @Test
    void blankIsNoZone() {
        assertThat(ZoneTexts.parse(null)).isEmpty();
        assertThat(ZoneTexts.parse("  ")).isEmpty();
    }

    @Test
    void storesOffsetsAsSignedHoursAndMinutesAndRegionsByTheirId() {
        assertThat(ZoneTexts.canonical(ZoneOffset.ofHours(3))).isEqualTo("+03:00");
        assertThat(ZoneTexts.canonical(ZoneOffset.UTC)).isEqualTo("+00:00");
        assertThat(ZoneTexts.canonical(ZoneOffset.ofHoursMinutes(-3, -30))).isEqualTo("-03:30");
        assertThat(ZoneTexts.canonical(ZoneId.of("Asia/Omsk"))).isEqualTo("Asia/Omsk");
        assertThat(ZoneTexts.parse(ZoneTexts.canonical(ZoneOffset.UTC))).contains(ZoneOffset.UTC);
    }
}
