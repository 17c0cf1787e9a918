package org.dozvon.dialing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.SortedMap;

import org.dozvon.ApplicationTestBase;
import org.dozvon.campaigns.OutcomeCategory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The figures dashboards read about ended calls: counted by the hour and the day they ended in the zone asked for,
 * by outcome category, per campaign or all; the abandon rate over persons who waited; operators' calls, talk and
 * wrap-up. Attempts are written through the dialer's store on a day of their own (no other test's calls fall on it).
 */
class CallStatisticsTests extends ApplicationTestBase {

    private static final ZoneId MOSCOW = ZoneId.of("Europe/Moscow");
    private static final LocalDate DAY = LocalDate.of(2031, 3, 10);

    @Autowired
    CallStatistics statistics;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ApplicationContext context;

    private AttemptRecords records;
    private long campaignId;
    private long otherCampaignId;
    private long contactId;

    @BeforeEach
    void aDraftCampaignWithAContact() throws Exception {
        DialingFixture fixture = new DialingFixture(port, ADMIN_PASSWORD, jdbc);
        long listId = fixture.list(1);
        contactId = jdbc.sql("select id from contact where list_id = :list").param("list", listId).query(Long.class).single();
        campaignId = draft(fixture, "Statistics " + fixture.suffix, listId);
        otherCampaignId = draft(fixture, "Statistics other " + fixture.suffix, listId);
        records = new AttemptRecords(context);
    }

    @Test
    void countsEndedCallsPerLocalHourAndCategory() {
        records.ended(campaignId, contactId, OutcomeCategory.BUSY, at(9, 5));
        records.ended(campaignId, contactId, OutcomeCategory.BUSY, at(9, 59));
        records.ended(campaignId, contactId, OutcomeCategory.NO_ANSWER, at(9, 30));
        records.talked(campaignId, contactId, 7001, "Ivanova", at(10, 0), Duration.ofSeconds(60), Duration.ofSeconds(5));
        records.ended(campaignId, contactId, OutcomeCategory.MACHINE, at(23, 59));
        records.ended(campaignId, contactId, OutcomeCategory.FAILED, at(0, 0));
        records.ended(campaignId, contactId, OutcomeCategory.FAILED, DAY.atStartOfDay(MOSCOW).toInstant().minusSeconds(1));
        records.ended(otherCampaignId, contactId, OutcomeCategory.BUSY, at(9, 10));

        SortedMap<Integer, CallCounts> hours = statistics.byHour(DAY, MOSCOW, campaignId);

        assertThat(hours).hasSize(24);
        assertThat(hours.get(9).count(OutcomeCategory.BUSY)).isEqualTo(2);
        assertThat(hours.get(9).count(OutcomeCategory.NO_ANSWER)).isEqualTo(1);
        assertThat(hours.get(9).total()).as("the other campaign's busy call is not this campaign's").isEqualTo(3);
        assertThat(hours.get(10).count(OutcomeCategory.ANSWERED)).as("a call ending on the hour is the next hour's")
                .isEqualTo(1);
        assertThat(hours.get(23).count(OutcomeCategory.MACHINE)).isEqualTo(1);
        assertThat(hours.get(0).count(OutcomeCategory.FAILED)).as("a second before midnight is the day before")
                .isEqualTo(1);
        assertThat(hours.values().stream().mapToLong(CallCounts::total).sum()).isEqualTo(6);

        SortedMap<Integer, CallCounts> everyCampaign = statistics.byHour(DAY, MOSCOW, null);
        assertThat(everyCampaign.get(9).count(OutcomeCategory.BUSY)).isEqualTo(3);

        SortedMap<Integer, CallCounts> inUtc = statistics.byHour(DAY, ZoneId.of("UTC"), campaignId);
        assertThat(inUtc.get(6).count(OutcomeCategory.BUSY)).as("09:05 in Moscow is 06:05 UTC").isEqualTo(2);
    }

    @Test
    void countsEndedCallsPerDayOfTheZone() {
        records.ended(campaignId, contactId, OutcomeCategory.REJECTED, at(12, 0));
        records.ended(campaignId, contactId, OutcomeCategory.REJECTED, at(12, 0).plus(Duration.ofDays(2)));
        records.ended(campaignId, contactId, OutcomeCategory.ANSWERED, at(23, 30).plus(Duration.ofDays(2)));

        SortedMap<LocalDate, CallCounts> days = statistics.byDay(DAY.minusDays(1), DAY.plusDays(2), MOSCOW, campaignId);

        assertThat(days.keySet()).containsExactly(DAY.minusDays(1), DAY, DAY.plusDays(1), DAY.plusDays(2));
        assertThat(days.get(DAY.minusDays(1)).total()).isZero();
        assertThat(days.get(DAY).count(OutcomeCategory.REJECTED)).isEqualTo(1);
        assertThat(days.get(DAY.plusDays(1)).total()).isZero();
        assertThat(days.get(DAY.plusDays(2)).count(OutcomeCategory.REJECTED)).isEqualTo(1);
        assertThat(days.get(DAY.plusDays(2)).count(OutcomeCategory.ANSWERED)).isEqualTo(1);
        assertThat(statistics.byDay(DAY.plusDays(3), DAY.plusDays(3), ZoneId.of("Asia/Vladivostok"), campaignId)
                .get(DAY.plusDays(3)).count(OutcomeCategory.ANSWERED))
                .as("23:30 in Moscow is the next morning in Vladivostok").isEqualTo(1);
    }

    @Test
    void abandonRateIsAbandonedPerPersonWhoWaitedForAnOperator() {
        records.ended(campaignId, contactId, OutcomeCategory.ABANDONED, at(14, 10));
        for (int i = 0; i < 3; i++) {
            records.talked(campaignId, contactId, 7001, "Ivanova", at(14, 20 + i), Duration.ofSeconds(30),
                    Duration.ofSeconds(4));
        }
        records.ended(campaignId, contactId, OutcomeCategory.MACHINE, at(14, 40));
        records.ended(campaignId, contactId, OutcomeCategory.BUSY, at(14, 41));

        CallCounts hour = statistics.byHour(DAY, MOSCOW, campaignId).get(14);

        assertThat(hour.total()).isEqualTo(6);
        assertThat(hour.personsWaited()).as("machines and busy lines had nobody waiting").isEqualTo(4);
        assertThat(hour.abandonRate()).isEqualTo(0.25);
        assertThat(statistics.byHour(DAY, MOSCOW, campaignId).get(15).abandonRate()).as("nobody waited").isNull();
    }

    @Test
    void comparesOperatorsCallsTalkAndWrapUp() {
        records.talked(campaignId, contactId, 7001, "Ivanova", at(11, 0), Duration.ofSeconds(60), Duration.ofSeconds(10));
        records.talked(campaignId, contactId, 7001, "Ivanova", at(11, 10), Duration.ofSeconds(120), Duration.ofSeconds(20));
        records.talked(campaignId, contactId, 7002, "Petrov", at(11, 20), Duration.ofSeconds(30), Duration.ofSeconds(3));
        records.ended(campaignId, contactId, OutcomeCategory.ABANDONED, at(11, 30));
        records.talked(campaignId, contactId, 7002, "Petrov", at(9, 0).plus(Duration.ofDays(1)), Duration.ofSeconds(30),
                Duration.ofSeconds(3));

        List<OperatorCalls> operators = statistics.byOperator(DAY.atStartOfDay(MOSCOW).toInstant(),
                DAY.plusDays(1).atStartOfDay(MOSCOW).toInstant(), campaignId);

        assertThat(operators).containsExactly(
                new OperatorCalls(7001, "Ivanova", 2, Duration.ofSeconds(180), Duration.ofSeconds(15)),
                new OperatorCalls(7002, "Petrov", 1, Duration.ofSeconds(30), Duration.ofSeconds(3)));
        assertThat(statistics.byOperator(DAY.atStartOfDay(MOSCOW).toInstant(),
                DAY.plusDays(1).atStartOfDay(MOSCOW).toInstant(), otherCampaignId)).isEmpty();
    }

    private static Instant at(int hour, int minute) {
        return DAY.atTime(hour, minute).atZone(MOSCOW).toInstant();
    }

    private static long draft(DialingFixture fixture, String name, long listId) throws Exception {
        var created = fixture.send("POST", "/api/v1/campaigns",
                "{\"name\": \"%s\", \"lists\": [%d]}".formatted(name, listId));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return fixture.read(created.body()).get("id").asLong();
    }
}
