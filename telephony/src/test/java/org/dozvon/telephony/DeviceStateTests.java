package org.dozvon.telephony;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DeviceStateTests {

    @ParameterizedTest(name = "{0} -> {1}, registered {2}")
    @CsvSource({
            "NOT_INUSE, NOT_INUSE, true",
            "INUSE, INUSE, true",
            "BUSY, BUSY, true",
            "RINGING, RINGING, true",
            "RINGINUSE, RINGINUSE, true",
            "ONHOLD, ONHOLD, true",
            "UNAVAILABLE, UNAVAILABLE, false",
            "INVALID, INVALID, false",
            "UNKNOWN, UNKNOWN, false",
            "not_inuse, NOT_INUSE, true",
            "Unavailable, UNAVAILABLE, false",
            "SOMETHING_NEW, UNKNOWN, false"})
    void asteriskWordsReadAsStatesAndOnlyReachableOnesCountAsRegistered(String word, DeviceState state,
                                                                         boolean registered) {
        assertThat(DeviceState.parse(word)).isEqualTo(state);
        assertThat(DeviceState.parse(word).registered()).isEqualTo(registered);
    }
}
