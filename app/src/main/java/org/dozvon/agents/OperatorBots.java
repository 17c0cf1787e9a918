package org.dozvon.agents;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

import org.dozvon.campaigns.CampaignView;
import org.dozvon.campaigns.Campaigns;
import org.dozvon.campaigns.CodeGroup;
import org.dozvon.campaigns.CompletionCode;
import org.dozvon.campaigns.CompletionCodes;
import org.dozvon.telephony.TelephonyProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Simulated operators for demos and load tests (issue "operator workplace", point 9): {@code dozvon.agents.bots}
 * operators named "Bot 01"… log in on simulated phones ({@code PJSIP/bot01}…, which the AMI simulator answers),
 * go Ready and work like people: a preview card is dialled after a moment, a wrap-up ends after a moment with a
 * random code of the campaign's group. Their delays are drawn per call from the call's id, so a run repeats.
 */
@Component
class OperatorBots {

    private static final Logger log = LoggerFactory.getLogger(OperatorBots.class);
    static final String NAME = "Bot %02d";

    private final AgentsProperties properties;
    private final TelephonyProperties telephony;
    private final OperatorStore store;
    private final Operators operators;
    private final Campaigns campaigns;
    private final CompletionCodes codes;
    private final Clock clock;

    OperatorBots(AgentsProperties properties, TelephonyProperties telephony, OperatorStore store, Operators operators,
                 Campaigns campaigns, CompletionCodes codes, Clock clock) {
        this.properties = properties;
        this.telephony = telephony;
        this.store = store;
        this.operators = operators;
        this.campaigns = campaigns;
        this.codes = codes;
        this.clock = clock;
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        if (properties.bots() == 0) {
            return;
        }
        if (!telephony.simulated()) {
            log.warn("dozvon.agents.bots={} ignored: bots only work against the AMI simulator", properties.bots());
            return;
        }
        List<Long> ids = ensure(properties.bots());
        log.info("{} simulated operators (bots) logged in and Ready", ids.size());
    }

    /** Makes sure bots 1..count exist with their phones and are Ready; returns their ids. */
    List<Long> ensure(int count) {
        List<Long> ids = new java.util.ArrayList<>();
        for (int i = 1; i <= count; i++) {
            String name = NAME.formatted(i);
            String endpoint = "PJSIP/bot%02d".formatted(i);
            long id = store.byName(name).map(OperatorView::id)
                    .orElseGet(() -> store.insert(name, null, endpoint, null, true));
            store.find(id).filter(bot -> bot.state() == OperatorState.OFFLINE || bot.state() == OperatorState.NOT_READY)
                    .ifPresent(bot -> store.setFreeState(id, OperatorState.READY, null, clock.instant()));
            ids.add(id);
        }
        return ids;
    }

    /** Bots look at their previews and wrap-ups. */
    @Scheduled(fixedDelayString = "${dozvon.agents.sweep:PT1S}", initialDelayString = "${dozvon.agents.sweep:PT1S}")
    void act() {
        Instant now = clock.instant();
        for (OperatorView bot : store.working()) {
            if (!bot.bot() || bot.attemptId() == null) {
                continue;
            }
            SplittableRandom random = new SplittableRandom(bot.attemptId() * 31 + bot.id());
            if (bot.state() == OperatorState.PREVIEW && bot.stateUntil() != null && bot.stateUntil().isAfter(now)
                    && !bot.stateSince().plus(delay(random, properties.botPreview())).isAfter(now)) {
                operators.dialNow(bot.id());
            } else if (bot.state() == OperatorState.WRAP_UP
                    && !bot.stateSince().plus(wrapUpDelay(bot, random)).isAfter(now)) {
                operators.finishWrapUp(bot.id(), bot.attemptId(), code(bot.campaignId(), random), null);
            }
        }
    }

    /** A bot finishes its wrap-up well within the wrap-up time (half of it at most), as a person who knows the clock. */
    private Duration wrapUpDelay(OperatorView bot, SplittableRandom random) {
        Duration drawn = delay(random, properties.botWrapUp());
        if (bot.stateUntil() == null) {
            return drawn;
        }
        Duration half = Duration.between(bot.stateSince(), bot.stateUntil()).dividedBy(2);
        return drawn.compareTo(half) > 0 ? half : drawn;
    }

    private static Duration delay(SplittableRandom random, Duration max) {
        long most = Math.max(1, max.toMillis());
        return Duration.ofMillis(most / 5 + random.nextLong(Math.max(1, most - most / 5)));
    }

    /** A random operator code of the campaign's group; null (the answered call's system code) when it has none. */
    private String code(Long campaignId, SplittableRandom random) {
        Optional<List<CompletionCode>> offered = Optional.ofNullable(campaignId).flatMap(campaigns::find)
                .map(CampaignView::settings).map(settings -> settings.completionCodeGroupId())
                .flatMap(codes::group).map(CodeGroup::offered);
        return offered.filter(list -> !list.isEmpty()).map(list -> list.get(random.nextInt(list.size())).code())
                .orElse(null);
    }
}
