package org.dozvon.dialing;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.dozvon.campaigns.OutcomeCategory;

/**
 * Runs of failed calls per campaign, in memory: a campaign trips when its last {@code failures} ended calls all
 * FAILED, the first of them at most {@code window} before the last. Any other outcome ends the campaign's run; a
 * failure older than the window before the newest one drops out of it. Tripping empties the run, so the next trip
 * needs {@code failures} new failures. Safe for several threads (each dialer publishes from its own).
 */
final class FailureStreaks {

    private final int failures;
    private final Duration window;
    private final Map<Long, Deque<Failure>> runs = new HashMap<>();

    FailureStreaks(int failures, Duration window) {
        if (failures < 1) {
            throw new IllegalArgumentException("failures must be at least 1");
        }
        this.failures = failures;
        this.window = window;
    }

    /**
     * Notes an ended call.
     *
     * @return the run that trips the campaign (oldest first), empty when it does not
     */
    synchronized Optional<List<Failure>> ended(long campaignId, long attemptId, OutcomeCategory outcome, Instant at,
                                               String detail) {
        if (outcome != OutcomeCategory.FAILED) {
            runs.remove(campaignId);
            return Optional.empty();
        }
        Deque<Failure> run = runs.computeIfAbsent(campaignId, id -> new ArrayDeque<>());
        run.addLast(new Failure(attemptId, at, detail));
        Instant oldestAllowed = at.minus(window);
        while (run.peekFirst().at().isBefore(oldestAllowed)) {
            run.removeFirst();
        }
        if (run.size() < failures) {
            return Optional.empty();
        }
        runs.remove(campaignId);
        return Optional.of(List.copyOf(run));
    }

    /** Forgets the campaign's run (it was resumed: what failed before does not count). */
    synchronized void forget(long campaignId) {
        runs.remove(campaignId);
    }

    /** The failures the campaign's current run holds. */
    synchronized int current(long campaignId) {
        Deque<Failure> run = runs.get(campaignId);
        return run == null ? 0 : run.size();
    }

    /** One failed call: its attempt, when it ended, why. */
    record Failure(long attemptId, Instant at, String detail) {
    }
}
