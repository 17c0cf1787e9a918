package org.dozvon.dialing;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.dozvon.campaigns.OutcomeCategory;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Auto-stop's counting: N failed calls in a row, the first at most T before the last (5 within 30 s here). */
class FailureStreaksTests {

    static final Instant T0 = Instant.parse("2030-03-01T10:00:00Z");

    final FailureStreaks streaks = new FailureStreaks(5, Duration.ofSeconds(30));
    long attempt;

    Optional<List<FailureStreaks.Failure>> end(long campaign, OutcomeCategory outcome, int secondsAfterT0) {
        return streaks.ended(campaign, ++attempt, outcome, T0.plusSeconds(secondsAfterT0), outcome + " " + attempt);
    }

    @Test
    void theFifthFailureWithinThirtySecondsTripsWithTheWholeRun() {
        for (int second : new int[] {0, 5, 10, 20}) {
            assertThat(end(1, OutcomeCategory.FAILED, second)).isEmpty();
        }

        Optional<List<FailureStreaks.Failure>> trip = end(1, OutcomeCategory.FAILED, 30);

        assertThat(trip).hasValueSatisfying(run -> {
            assertThat(run).extracting(FailureStreaks.Failure::attemptId).containsExactly(1L, 2L, 3L, 4L, 5L);
            assertThat(run.get(0).at()).isEqualTo(T0);
            assertThat(run.get(4).detail()).isEqualTo("FAILED 5");
        });
    }

    @Test
    void fourFailuresDoNotTrip() {
        for (int second = 0; second < 4; second++) {
            assertThat(end(1, OutcomeCategory.FAILED, second)).isEmpty();
        }
        assertThat(streaks.current(1)).isEqualTo(4);
    }

    @Test
    void failuresSpreadBeyondTheWindowDoNotTrip() {
        // one failure every 8 s: any five span 32 s
        for (int i = 0; i < 20; i++) {
            assertThat(end(1, OutcomeCategory.FAILED, i * 8)).as("failure %d", i).isEmpty();
        }
        assertThat(streaks.current(1)).isEqualTo(4);
    }

    @Test
    void anyOtherOutcomeStartsTheCountAgain() {
        for (OutcomeCategory other : List.of(OutcomeCategory.BUSY, OutcomeCategory.NO_ANSWER, OutcomeCategory.REJECTED,
                OutcomeCategory.ANSWERED, OutcomeCategory.MACHINE, OutcomeCategory.ABANDONED)) {
            for (int i = 0; i < 4; i++) {
                assertThat(end(1, OutcomeCategory.FAILED, 1)).isEmpty();
            }
            assertThat(end(1, other, 1)).as("after %s", other).isEmpty();
            assertThat(streaks.current(1)).as("after %s", other).isZero();
        }
        assertThat(end(1, OutcomeCategory.FAILED, 2)).isEmpty();
    }

    @Test
    void aTripEmptiesTheRunSoTheNextNeedsFiveNewFailures() {
        for (int i = 0; i < 4; i++) {
            end(1, OutcomeCategory.FAILED, i);
        }
        assertThat(end(1, OutcomeCategory.FAILED, 4)).isPresent();

        for (int i = 5; i < 9; i++) {
            assertThat(end(1, OutcomeCategory.FAILED, i)).as("failure after the trip").isEmpty();
        }
        assertThat(end(1, OutcomeCategory.FAILED, 9)).isPresent();
    }

    @Test
    void campaignsCountApart() {
        for (int i = 0; i < 4; i++) {
            end(1, OutcomeCategory.FAILED, i);
            end(2, OutcomeCategory.FAILED, i);
        }
        end(2, OutcomeCategory.ANSWERED, 5);

        assertThat(end(1, OutcomeCategory.FAILED, 6)).isPresent();
        assertThat(streaks.current(2)).isZero();
    }

    @Test
    void aForgottenCampaignStartsFromNothing() {
        for (int i = 0; i < 4; i++) {
            end(1, OutcomeCategory.FAILED, i);
        }
        streaks.forget(1);

        assertThat(end(1, OutcomeCategory.FAILED, 5)).isEmpty();
        assertThat(streaks.current(1)).isEqualTo(1);
    }
}
