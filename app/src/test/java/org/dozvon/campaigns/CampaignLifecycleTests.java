package org.dozvon.campaigns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.dozvon.ApplicationTestBase;
import org.dozvon.Violation;
import org.dozvon.contacts.ContactFilter;
import org.dozvon.contacts.ContactSelections;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

/** The campaign's lifecycle through the module's API: which moves are allowed, what they publish, what edits do. */
@RecordApplicationEvents
class CampaignLifecycleTests extends ApplicationTestBase {

    @Autowired
    Campaigns campaigns;
    @Autowired
    CampaignEditor editor;
    @Autowired
    ContactSelections selections;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ApplicationEvents events;

    private CampaignFixture fixture;
    private long listId;

    @BeforeEach
    void aContactList() throws Exception {
        fixture = new CampaignFixture(portal());
        listId = fixture.listWith("Казань", "100", "Москва", "200", "Казань", "300");
    }

    @Test
    void aNewCampaignIsADraftAtRevisionOne() {
        long id = create(CampaignFixture.settings("Draft " + fixture.suffix).build());

        CampaignView campaign = campaigns.find(id).orElseThrow();
        assertThat(campaign.status()).isEqualTo(CampaignStatus.DRAFT);
        assertThat(campaign.revision()).isEqualTo(1);
        assertThat(campaign.settings().callingHours().get(DayType.WORKDAY)).containsExactly(CallingInterval.of("09:00", "21:00"));
        assertThat(campaigns.revision(id)).hasValue(1);
        assertThat(campaigns.revision(-1)).isEmpty();
        assertThat(campaigns.find(-1)).isEmpty();
    }

    @Test
    void startingNeedsAStrategyListsAndCallingHours() {
        long id = create(CampaignFixture.settings("Bare " + fixture.suffix).noHours().build());

        assertThatThrownBy(() -> campaigns.start(id)).isInstanceOfSatisfying(CampaignRefusedException.class,
                refused -> assertThat(refused.violations()).extracting(Violation::field)
                        .containsExactly("strategyKey", "lists", "callingHours"));
        assertThat(campaigns.find(id).orElseThrow().status()).isEqualTo(CampaignStatus.DRAFT);
        assertThat(events.stream(CampaignStarted.class)).isEmpty();
    }

    @Test
    void aStrategyThatIsNotDeployedIsNamedAndTheCampaignStaysADraft() {
        long unknown = create(readySettings("Undeployed").strategy("debt_collection").build());
        long pinned = create(readySettings("Pinned").strategy("standard").strategyVersion(999).build());

        assertThatThrownBy(() -> campaigns.start(unknown)).isInstanceOfSatisfying(CampaignRefusedException.class,
                refused -> assertThat(refused.violations()).singleElement().satisfies(v -> {
                    assertThat(v.field()).isEqualTo("strategyKey");
                    assertThat(v.messageKey()).isEqualTo("campaigns.error.startStrategyMissing");
                    assertThat(v.arguments()).containsExactly("debt_collection");
                }));
        assertThatThrownBy(() -> campaigns.start(pinned)).isInstanceOfSatisfying(CampaignRefusedException.class,
                refused -> assertThat(refused.violations()).extracting(Violation::field).containsExactly("strategyVersion"));
        assertThat(campaigns.find(unknown).orElseThrow().status()).isEqualTo(CampaignStatus.DRAFT);
        assertThat(events.stream(CampaignStarted.class)).isEmpty();
    }

    @Test
    void everyMovePublishesItsEventAndAStoppedCampaignStartsAgain() {
        long id = create(ready("Full cycle"));

        assertThat(campaigns.start(id).status()).isEqualTo(CampaignStatus.RUNNING);
        assertThat(campaigns.running()).extracting(CampaignView::id).contains(id);
        assertThat(campaigns.pause(id).status()).isEqualTo(CampaignStatus.PAUSED);
        assertThat(campaigns.running()).extracting(CampaignView::id).doesNotContain(id);
        assertThat(campaigns.resume(id).status()).isEqualTo(CampaignStatus.RUNNING);
        assertThat(campaigns.stop(id).status()).isEqualTo(CampaignStatus.STOPPED);
        assertThat(campaigns.start(id).status()).isEqualTo(CampaignStatus.RUNNING);
        assertThat(campaigns.complete(id).status()).isEqualTo(CampaignStatus.COMPLETED);

        assertThat(events.stream(Object.class).filter(event -> event.getClass().getPackageName().equals("org.dozvon.campaigns")))
                .containsExactly(new CampaignStarted(id), new CampaignPaused(id), new CampaignResumed(id),
                        new CampaignStopped(id), new CampaignStarted(id), new CampaignCompleted(id));
        assertThat(campaigns.find(id).orElseThrow().status()).isEqualTo(CampaignStatus.COMPLETED);
    }

    @Test
    void movesThatMakeNoSenseAreRefusedWithoutAnEvent() {
        long id = create(ready("Wrong moves"));

        assertThat(refusal(() -> campaigns.pause(id))).isEqualTo("campaigns.error.cannot.pause");
        assertThat(refusal(() -> campaigns.resume(id))).isEqualTo("campaigns.error.cannot.resume");
        assertThat(refusal(() -> campaigns.stop(id))).isEqualTo("campaigns.error.cannot.stop");
        campaigns.start(id);
        assertThat(refusal(() -> campaigns.start(id))).isEqualTo("campaigns.error.cannot.start");
        assertThat(refusal(() -> campaigns.resume(id))).isEqualTo("campaigns.error.cannot.resume");
        assertThat(refusal(() -> editor.delete(id))).isEqualTo("campaigns.error.cannot.delete");
        assertThatThrownBy(() -> campaigns.start(-5)).isInstanceOf(CampaignNotFoundException.class);

        assertThat(events.stream(CampaignStarted.class)).hasSize(1);
        assertThat(events.stream(CampaignPaused.class)).isEmpty();
    }

    @Test
    void editsCountRevisionsAndPublishCampaignChanged() {
        long id = create(ready("Edited"));
        campaigns.start(id);
        CampaignFixture.Settings changed = readySettings("Edited");
        changed.weight = 7;
        changed.filter = ContactFilter.all(ContactFilter.condition(fixture.city(), ContactFilter.Operator.EQUALS, "Казань"));

        CampaignEditor.Result result = editor.update(id, changed.build(), 1L);

        assertThat(result.violations()).isEmpty();
        CampaignView campaign = campaigns.find(id).orElseThrow();
        assertThat(campaign.revision()).isEqualTo(2);
        assertThat(campaign.status()).as("an edit does not stop a running campaign").isEqualTo(CampaignStatus.RUNNING);
        assertThat(campaign.settings().weight()).isEqualTo(7);
        assertThat(selections.count(campaign.selection())).isEqualTo(2);
        assertThat(events.stream(CampaignChanged.class)).containsExactly(new CampaignChanged(id, 2));

        assertThat(editor.update(id, changed.build(), 1L).violations()).extracting(Violation::field)
                .as("an editor that started from revision 1").containsExactly("revision");
    }

    @Test
    void aNewWeightAloneIsARevisionThatChangesNoPlanAndAStartIsRemembered() {
        long id = create(ready("Weighed"));
        assertThat(campaigns.start(id).startedAt()).isNotNull();
        Instant started = campaigns.find(id).orElseThrow().startedAt();
        assertThat(started).isNotNull();

        CampaignView weighed = campaigns.changeWeight(id, 40);

        assertThat(weighed.settings().weight()).isEqualTo(40);
        assertThat(weighed.revision()).isEqualTo(2);
        assertThat(events.stream(CampaignChanged.class)).containsExactly(new CampaignChanged(id, 2, true));
        assertThat(campaigns.changeWeight(id, 40).revision()).as("the same weight again").isEqualTo(2);
        assertThatThrownBy(() -> campaigns.changeWeight(id, 1001)).isInstanceOfSatisfying(CampaignRefusedException.class,
                e -> assertThat(e.violations()).extracting(Violation::field).containsExactly("weight"));
        assertThat(editor.update(id, readySettings("Weighed").build(), 1L).violations()).extracting(Violation::field)
                .as("a form opened before the new weight").containsExactly("revision");
        campaigns.pause(id);
        campaigns.resume(id);
        assertThat(campaigns.find(id).orElseThrow().startedAt()).as("a resume is no start").isEqualTo(started);
    }

    @Test
    void theStrategyOfARunningCampaignCannotChange() {
        long id = create(ready("Strategy fixed"));
        campaigns.start(id);

        assertThat(editor.update(id, readySettings("Strategy fixed").strategy("other_strategy").build(), null).violations())
                .extracting(Violation::messageKey).containsExactly("campaigns.error.strategyWhileActive");

        campaigns.stop(id);
        assertThat(editor.update(id, readySettings("Strategy fixed").strategy("other_strategy").build(), null).ok()).isTrue();
    }

    @Test
    void aPassedStopDateKeepsACampaignFromStartingAndCompletesARunningOne() {
        CampaignFixture.Settings past = readySettings("Past stop");
        past.stopsAt = Instant.now().minus(Duration.ofHours(1));
        long stale = create(past.build());
        assertThat(refusal(() -> campaigns.start(stale))).isEqualTo("campaigns.error.pastStopDate");

        long running = create(ready("Runs out"));
        campaigns.start(running);
        jdbc.sql("update campaign set stops_at = now() - interval '1 minute' where id = :id").param("id", running).update();

        // the 30-second background check may get there first: either way the campaign ends up completed
        assertThat(campaigns.completePastStopDate()).doesNotContain(stale);
        assertThat(campaigns.find(running).orElseThrow().status()).isEqualTo(CampaignStatus.COMPLETED);
        assertThat(campaigns.find(stale).orElseThrow().status()).isEqualTo(CampaignStatus.DRAFT);
    }

    @Test
    void aStoppedCampaignCanBeDeleted() {
        long id = create(ready("Deleted"));
        campaigns.start(id);
        campaigns.stop(id);

        editor.delete(id);

        assertThat(campaigns.find(id)).isEmpty();
    }

    @Test
    void otherModulesReadHoursLimitsAndTheSelection() {
        CampaignFixture.Settings settings = readySettings("Read by others");
        settings.exceptions = Map.of(LocalDate.of(2026, 12, 31), List.of(CallingInterval.of("10:00", "16:00")),
                LocalDate.of(2027, 1, 1), List.of());
        settings.maxAttemptsPerContact = 6;
        settings.maxAttemptsPerDay = 2;
        settings.maxAttemptsPerPhoneType = Map.of(fixture.phone(), 4);
        settings.maxHoursSinceFirstAttempt = 72;
        settings.callbackPeriodHours = 48;
        settings.percent = 100;
        settings.ordering = new org.dozvon.contacts.ContactSelection.Ordering(fixture.amount(), true);
        long id = create(settings.build());

        assertThat(campaigns.callingHours(id, LocalDate.of(2026, 12, 31), DayType.WORKDAY)).containsExactly(CallingInterval.of("10:00", "16:00"));
        assertThat(campaigns.callingHours(id, LocalDate.of(2027, 1, 1), DayType.HOLIDAY)).isEmpty();
        assertThat(campaigns.callingHours(id, LocalDate.of(2027, 1, 2), DayType.WEEKEND)).containsExactly(CallingInterval.of("10:00", "18:00"));
        assertThat(campaigns.callingHours(id).isOpen(LocalDate.of(2026, 12, 31).atTime(17, 0), CallingHours::weekdays)).isFalse();
        CampaignLimits limits = campaigns.limits(id);
        assertThat(limits.maxAttemptsPerContact()).isEqualTo(6);
        assertThat(limits.maxAttemptsPerDay()).isEqualTo(2);
        assertThat(limits.maxAttemptsForPhoneType(fixture.phone())).hasValue(4);
        assertThat(limits.maxAttemptsForPhoneType("home")).isEmpty();
        assertThat(limits.maxSinceFirstAttempt()).isEqualTo(Duration.ofHours(72));
        assertThat(limits.maxSinceCreation()).isNull();
        assertThat(limits.callbackPeriod()).isEqualTo(Duration.ofHours(48));
        org.dozvon.contacts.ContactSelection.Page page = selections.eligible(campaigns.find(id).orElseThrow().selection(), null, 10);
        assertThat(page.contactIds()).hasSize(3);
        assertThat(page.next()).isNull();
    }

    private String refusal(Runnable move) {
        try {
            move.run();
        } catch (CampaignRefusedException e) {
            return e.violations().get(0).messageKey();
        }
        throw new AssertionError("the move was not refused");
    }

    private CampaignFixture.Settings readySettings(String name) {
        return CampaignFixture.settings(name + " " + fixture.suffix).strategy("standard").lists(listId);
    }

    private CampaignSettings ready(String name) {
        return readySettings(name).build();
    }

    private long create(CampaignSettings settings) {
        CampaignEditor.Result result = editor.create(settings);
        assertThat(result.violations()).isEmpty();
        return result.id();
    }
}
