package org.dozvon.contacts.numbering;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import org.dozvon.contacts.ZoneResolution;
import org.dozvon.contacts.ZoneSource;
import org.junit.jupiter.api.Test;

/** The chain over in-memory indexes: range edges, longest prefix, and which step wins. */
class TimeZoneChainTests {

    private static final ZoneId YEKATERINBURG = ZoneId.of("Asia/Yekaterinburg");
    private static final ZoneId MOSCOW = ZoneId.of("Europe/Moscow");
    private static final ZoneId OMSK = ZoneId.of("Asia/Omsk");
    private static final ZoneId MINSK = ZoneId.of("Europe/Minsk");

    private final RangeIndex ranges = new RangeIndex.Builder(4)
            .add(4950000000L, 4950999999L, MOSCOW, "ПАО \"МГТС\"", "г. Москва и Московская область")
            .add(9123450000L, 9123459999L, YEKATERINBURG, "ПАО «МегаФон»", "Свердловская обл.")
            .add(9123460000L, 9123469999L, null, "ООО \"Нетбайнет\"", "Российская Федерация")
            .build();
    private final PrefixIndex prefixes = PrefixIndex.of(List.of(
            new PhonePrefix("7", "Россия", MOSCOW),
            new PhonePrefix("791", "Мобильные", OMSK),
            new PhonePrefix("79123", "Мобильные Урал", ZoneOffset.ofHours(5)),
            new PhonePrefix("375", "Беларусь", MINSK)));
    private final TimeZoneChain chain = new TimeZoneChain(ranges, prefixes);

    @Test
    void findsARangeAtItsFirstAndLastNumberButNotBeyond() {
        assertThat(ranges.find(9123450000L)).isEqualTo(1);
        assertThat(ranges.find(9123459999L)).isEqualTo(1);
        assertThat(ranges.find(9123455555L)).isEqualTo(1);
        assertThat(ranges.find(9123449999L)).isEqualTo(-1);
        assertThat(ranges.find(9123460000L)).isEqualTo(2);
        assertThat(ranges.find(9123470000L)).as("to + 1 of the last range").isEqualTo(-1);
        assertThat(ranges.find(4951000000L)).as("to + 1").isEqualTo(-1);
        assertThat(ranges.find(1000000000L)).as("before every range").isEqualTo(-1);
        assertThat(RangeIndex.EMPTY.find(9123450000L)).isEqualTo(-1);
    }

    @Test
    void replacingTheRangesOfSomeCodesKeepsTheOthers() {
        RangeIndex replaced = ranges.replace(Set.of(912), List.of(
                new PlanRange(2, 912, 0, 99, 100, "ООО \"Новый\"", "Омская обл.", null, OMSK),
                new PlanRange(3, 912, 3450000, 3450999, 1000, "ООО \"Новый\"", "Омская обл.", null, OMSK)));

        assertThat(replaced.size()).isEqualTo(3);
        assertThat(replaced.zone(replaced.find(4950000000L))).isEqualTo(MOSCOW);
        assertThat(replaced.zone(replaced.find(9120000050L))).isEqualTo(OMSK);
        assertThat(replaced.zone(replaced.find(9123450500L))).isEqualTo(OMSK);
        assertThat(replaced.find(9123455555L)).as("the old range of 912 is gone").isEqualTo(-1);
        assertThat(replaced.find(9123461234L)).isEqualTo(-1);
        assertThat(ranges.replace(null, List.of()).size()).as("all codes replaced by nothing").isZero();
    }

    @Test
    void resolvesRangeEdgesThroughTheChain() {
        assertThat(chain.resolve("+79123450000", null, null).source()).isEqualTo(ZoneSource.NUMBERING_RANGE);
        assertThat(chain.resolve("+79123459999", null, null).source()).isEqualTo(ZoneSource.NUMBERING_RANGE);
        ZoneResolution beyond = chain.resolve("+79123470000", null, null);
        assertThat(beyond.source()).isEqualTo(ZoneSource.PREFIX);
        assertThat(beyond.detail()).isEqualTo("prefix 79123 Мобильные Урал");
    }

    @Test
    void describesTheRangeThatDecided() {
        ZoneResolution resolution = chain.resolve("+79123456789", "", null);

        assertThat(resolution.zone()).isEqualTo(YEKATERINBURG);
        assertThat(resolution.detail()).isEqualTo("DEF 912, 3450000–3459999, ПАО «МегаФон», Свердловская обл.");
        assertThat(chain.resolve("74950000001", null, null).detail())
                .isEqualTo("ABC 495, 0000000–0999999, ПАО \"МГТС\", г. Москва и Московская область");
    }

    @Test
    void theLongestPrefixWins() {
        assertThat(prefixes.longest("79123999999").code()).isEqualTo("79123");
        assertThat(prefixes.longest("79130000000").code()).isEqualTo("791");
        assertThat(prefixes.longest("+7 (800) 555-35-35").code()).isEqualTo("7");
        assertThat(prefixes.longest("375291234567").code()).isEqualTo("375");
        assertThat(prefixes.longest("380441234567")).isNull();
        assertThat(prefixes.longest("")).isNull();
        assertThat(PrefixIndex.EMPTY.longest("79123456789")).isNull();
    }

    @Test
    void explicitBeatsRangeBeatsPrefixBeatsDefault() {
        assertThat(chain.resolve("+79123456789", "UTC+7", MINSK))
                .isEqualTo(new ZoneResolution(ZoneOffset.ofHours(7), ZoneSource.CONTACT_FIELD, "time-zone field: UTC+7"));
        assertThat(chain.resolve("+79123456789", null, MINSK).source()).isEqualTo(ZoneSource.NUMBERING_RANGE);
        assertThat(chain.resolve("+79135550000", null, MINSK))
                .isEqualTo(new ZoneResolution(OMSK, ZoneSource.PREFIX, "prefix 791 Мобильные"));
        assertThat(chain.resolve("+380441234567", null, MINSK))
                .isEqualTo(new ZoneResolution(MINSK, ZoneSource.CAMPAIGN_DEFAULT, "campaign default"));
        ZoneResolution nothing = chain.resolve("+380441234567", null, null);
        assertThat(nothing.zone()).isNull();
        assertThat(nothing.source()).isEqualTo(ZoneSource.CAMPAIGN_DEFAULT);
    }

    @Test
    void anInvalidExplicitZoneFallsThroughAndIsMentioned() {
        ZoneResolution resolution = chain.resolve("+79123456789", "Урал", null);

        assertThat(resolution.source()).isEqualTo(ZoneSource.NUMBERING_RANGE);
        assertThat(resolution.zone()).isEqualTo(YEKATERINBURG);
        assertThat(resolution.detail()).endsWith("; time-zone field 'Урал' ignored: not a time zone");
        assertThat(chain.resolve(null, "nonsense", MOSCOW).source()).isEqualTo(ZoneSource.CAMPAIGN_DEFAULT);
    }

    @Test
    void aRangeWithoutAZoneFallsThroughToThePrefix() {
        ZoneResolution resolution = chain.resolve("+79123461234", null, null);

        assertThat(resolution.source()).isEqualTo(ZoneSource.PREFIX);
        assertThat(resolution.detail()).isEqualTo("prefix 79123 Мобильные Урал");
    }

    @Test
    void explainsEveryStepInOrder() {
        TimeZoneChain.Explanation explanation = chain.explain("+79123456789", "bad", MINSK);

        assertThat(explanation.steps()).extracting(TimeZoneChain.Step::source).containsExactly(ZoneSource.CONTACT_FIELD,
                ZoneSource.NUMBERING_RANGE, ZoneSource.PREFIX, ZoneSource.CAMPAIGN_DEFAULT);
        assertThat(explanation.steps()).extracting(TimeZoneChain.Step::messageKey).containsExactly(
                "timezones.step.field.invalid", "timezones.step.range.found", "timezones.step.prefix.found",
                "timezones.step.default.given");
        assertThat(explanation.result().source()).isEqualTo(ZoneSource.NUMBERING_RANGE);
    }

    @Test
    void readsTheNationalNumberOfRussianNumbersOnly() {
        assertThat(TimeZoneChain.russianNationalNumber("+79123456789")).isEqualTo(9123456789L);
        assertThat(TimeZoneChain.russianNationalNumber("79123456789")).isEqualTo(9123456789L);
        assertThat(TimeZoneChain.russianNationalNumber("+7 (912) 345-67-89")).isEqualTo(9123456789L);
        assertThat(TimeZoneChain.russianNationalNumber("+375291234567")).isEqualTo(-1);
        assertThat(TimeZoneChain.russianNationalNumber("+7912345678")).isEqualTo(-1);
        assertThat(TimeZoneChain.russianNationalNumber("+791234567890")).isEqualTo(-1);
        assertThat(TimeZoneChain.russianNationalNumber("+7912345678x")).isEqualTo(-1);
    }

    /** The size of the whole Russian plan; the speed is for benchmarks, the figure is printed for the curious. */
    @Test
    void answersAMillionLookupsOverAFullSizeDirectory() {
        RangeIndex.Builder builder = new RangeIndex.Builder(500_000);
        ZoneId[] zones = {MOSCOW, YEKATERINBURG, OMSK, ZoneId.of("Asia/Vladivostok"), null};
        long first = 3_000_000_000L;
        for (int i = 0; i < 500_000; i++) {
            builder.add(first, first + 9_999, zones[i % zones.length], "Оператор " + (i % 300), "Регион " + (i % 120));
            first += 12_000;
        }
        TimeZoneChain big = new TimeZoneChain(builder.build(), prefixes);
        String[] phones = new String[10_000];
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < phones.length; i++) {
            phones[i] = "+7" + (3_000_000_000L + random.nextLong(6_000_000_000L));
        }

        long started = System.nanoTime();
        int[] bySource = new int[ZoneSource.values().length];
        for (int i = 0; i < 1_000_000; i++) {
            ZoneResolution resolution = big.resolve(phones[i % phones.length], null, MOSCOW);
            bySource[resolution.source().ordinal()]++;
        }
        long nanos = System.nanoTime() - started;

        assertThat(bySource[ZoneSource.NUMBERING_RANGE.ordinal()]).isPositive();
        assertThat(bySource[ZoneSource.PREFIX.ordinal()] + bySource[ZoneSource.CAMPAIGN_DEFAULT.ordinal()]).isPositive();
        System.out.printf("1,000,000 time-zone lookups over 500,000 ranges: %d ms, %,d lookups/s%n",
                nanos / 1_000_000, 1_000_000L * 1_000_000_000L / nanos);
    }
}
