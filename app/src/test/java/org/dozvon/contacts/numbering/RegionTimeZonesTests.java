package org.dozvon.contacts.numbering;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The region mapping that ships with Dozvon knows the regions as the plan files spell them. */
class RegionTimeZonesTests {

    private static final RegionTimeZones REGIONS = RegionTimeZones.bundled();

    /** Spellings as the regulator's files (older and newer) and people write them. */
    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = ';', textBlock = """
            Калининградская обл.;                             Europe/Kaliningrad
            г. Москва и Московская область;                   Europe/Moscow
            г. Москва;                                        Europe/Moscow
            Москва;                                           Europe/Moscow
            Московская обл.;                                  Europe/Moscow
            г. Санкт-Петербург и Ленинградская область;       Europe/Moscow
            г.Санкт-Петербург;                                Europe/Moscow
            Республика Татарстан;                             Europe/Moscow
            Республика Татарстан (Татарстан);                 Europe/Moscow
            Татарстан Респ.;                                  Europe/Moscow
            Чувашская Республика - Чувашия;                   Europe/Moscow
            Республика Северная Осетия - Алания;              Europe/Moscow
            Республика Северная Осетия — Алания;              Europe/Moscow
            Кабардино-Балкарская Республика;                  Europe/Moscow
            Архангельская обл. и Ненецкий АО;                 Europe/Moscow
            Ненецкий АО;                                      Europe/Moscow
            Краснодарский край;                               Europe/Moscow
            Ставропольский край;                              Europe/Moscow
            Нижегородская обл.;                               Europe/Moscow
            Донецкая Народная Респ.;                          Europe/Moscow
            Запорожская обл.;                                 Europe/Moscow
            Кировская обл.;                                   Europe/Kirov
            Волгоградская обл.;                               Europe/Volgograd
            Республика Крым;                                  Europe/Simferopol
            г. Севастополь;                                   Europe/Simferopol
            Самарская обл.;                                   Europe/Samara
            Удмуртская Республика;                            Europe/Samara
            Астраханская обл.;                                Europe/Astrakhan
            Саратовская обл.;                                 Europe/Saratov
            Ульяновская обл.;                                 Europe/Ulyanovsk
            Свердловская обл.;                                Asia/Yekaterinburg
            Ханты - Мансийский - Югра АО;                     Asia/Yekaterinburg
            Ханты-Мансийский автономный округ - Югра;         Asia/Yekaterinburg
            Ямало-Ненецкий АО;                                Asia/Yekaterinburg
            Республика Башкортостан;                          Asia/Yekaterinburg
            Пермский край;                                    Asia/Yekaterinburg
            Тюменская обл.;                                   Asia/Yekaterinburg
            Челябинская обл.;                                 Asia/Yekaterinburg
            Омская обл.;                                      Asia/Omsk
            Новосибирская обл.;                               Asia/Novosibirsk
            Алтайский край;                                   Asia/Barnaul
            Республика Алтай;                                 Asia/Barnaul
            Томская обл.;                                     Asia/Tomsk
            Кемеровская область - Кузбасс;                    Asia/Novokuznetsk
            Кемеровская обл.;                                 Asia/Novokuznetsk
            Красноярский край;                                Asia/Krasnoyarsk
            Республика Хакасия;                               Asia/Krasnoyarsk
            Республика Тыва;                                  Asia/Krasnoyarsk
            Иркутская обл.;                                   Asia/Irkutsk
            Республика Бурятия;                               Asia/Irkutsk
            Забайкальский край;                               Asia/Chita
            Республика Саха /Якутия/;                         Asia/Yakutsk
            Республика Саха (Якутия);                         Asia/Yakutsk
            Амурская обл.;                                    Asia/Yakutsk
            Приморский край;                                  Asia/Vladivostok
            Хабаровский край;                                 Asia/Vladivostok
            Еврейская автономная обл.;                        Asia/Vladivostok
            Магаданская обл.;                                 Asia/Magadan
            Сахалинская обл.;                                 Asia/Sakhalin
            КАМЧАТСКИЙ КРАЙ;                                  Asia/Kamchatka
            Чукотский АО;                                     Asia/Anadyr
            Чукотский автономный округ;                       Asia/Anadyr
            г. Казань|Республика Татарстан;                   Europe/Moscow
            р-н Оймяконский|Республика Саха /Якутия/;         Asia/Ust-Nera
            р-н Среднеколымский|Республика Саха (Якутия);     Asia/Srednekolymsk
            г. Якутск|Республика Саха (Якутия);               Asia/Yakutsk
            Орловская  область;                               Europe/Moscow
            Орёловская обл.;                                  -
            """)
    void knowsTheRegionAsThePlanFilesSpellIt(String region, String zone) {
        if (zone.equals("-")) {
            assertThat(REGIONS.zoneOf(region)).as(region).isEmpty();
        } else {
            assertThat(REGIONS.zoneOf(region)).as(region).contains(ZoneId.of(zone));
        }
    }

    /** The 89 subjects of the federation by their constitutional names. */
    @Test
    void everyFederalSubjectHasAZone() {
        List<String> subjects = List.of("Республика Адыгея (Адыгея)", "Республика Алтай", "Республика Башкортостан",
                "Республика Бурятия", "Республика Дагестан", "Донецкая Народная Республика", "Республика Ингушетия",
                "Кабардино-Балкарская Республика", "Республика Калмыкия", "Карачаево-Черкесская Республика",
                "Республика Карелия", "Республика Коми", "Республика Крым", "Луганская Народная Республика",
                "Республика Марий Эл", "Республика Мордовия", "Республика Саха (Якутия)",
                "Республика Северная Осетия — Алания", "Республика Татарстан (Татарстан)", "Республика Тыва",
                "Удмуртская Республика", "Республика Хакасия", "Чеченская Республика", "Чувашская Республика — Чувашия",
                "Алтайский край", "Забайкальский край", "Камчатский край", "Краснодарский край", "Красноярский край",
                "Пермский край", "Приморский край", "Ставропольский край", "Хабаровский край", "Амурская область",
                "Архангельская область", "Астраханская область", "Белгородская область", "Брянская область",
                "Владимирская область", "Волгоградская область", "Вологодская область", "Воронежская область",
                "Запорожская область", "Ивановская область", "Иркутская область", "Калининградская область",
                "Калужская область", "Кемеровская область — Кузбасс", "Кировская область", "Костромская область",
                "Курганская область", "Курская область", "Ленинградская область", "Липецкая область",
                "Магаданская область", "Московская область", "Мурманская область", "Нижегородская область",
                "Новгородская область", "Новосибирская область", "Омская область", "Оренбургская область",
                "Орловская область", "Пензенская область", "Псковская область", "Ростовская область",
                "Рязанская область", "Самарская область", "Саратовская область", "Сахалинская область",
                "Свердловская область", "Смоленская область", "Тамбовская область", "Тверская область", "Томская область",
                "Тульская область", "Тюменская область", "Ульяновская область", "Херсонская область",
                "Челябинская область", "Ярославская область", "г. Москва", "г. Санкт-Петербург", "г. Севастополь",
                "Еврейская автономная область", "Ненецкий автономный округ", "Ханты-Мансийский автономный округ — Югра",
                "Чукотский автономный округ", "Ямало-Ненецкий автономный округ");

        assertThat(subjects).hasSize(89).doesNotHaveDuplicates();
        assertThat(subjects).allSatisfy(subject -> assertThat(REGIONS.zoneOf(subject)).as(subject).isPresent());
    }

    @Test
    void coversEveryRussianZone() {
        Set<String> russian = Set.of("Europe/Kaliningrad", "Europe/Moscow", "Europe/Simferopol", "Europe/Kirov",
                "Europe/Volgograd", "Europe/Astrakhan", "Europe/Samara", "Europe/Saratov", "Europe/Ulyanovsk",
                "Asia/Yekaterinburg", "Asia/Omsk", "Asia/Novosibirsk", "Asia/Barnaul", "Asia/Tomsk", "Asia/Novokuznetsk",
                "Asia/Krasnoyarsk", "Asia/Irkutsk", "Asia/Chita", "Asia/Yakutsk", "Asia/Khandyga", "Asia/Vladivostok",
                "Asia/Ust-Nera", "Asia/Magadan", "Asia/Sakhalin", "Asia/Srednekolymsk", "Asia/Kamchatka", "Asia/Anadyr");

        Set<String> mapped = REGIONS.zones().stream().map(ZoneId::getId).collect(Collectors.toSet());

        assertThat(mapped).containsAll(russian);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Российская Федерация", "Марсианская обл.", "", "   ", "Омская обл. и Новосибирская обл."})
    void leavesUnknownAndAmbiguousRegionsWithoutAZone(String region) {
        assertThat(REGIONS.zoneOf(region)).isEmpty();
    }

    @Test
    void keyIgnoresCaseWordOrderPunctuationAndGenericWords() {
        assertThat(RegionTimeZones.key("Калининградская обл.")).isEqualTo(RegionTimeZones.key("область КАЛИНИНГРАДСКАЯ"));
        assertThat(RegionTimeZones.key("Республика Саха /Якутия/")).isEqualTo(RegionTimeZones.key("Саха (Якутия) респ."));
        assertThat(RegionTimeZones.key("Орёл")).isEqualTo(RegionTimeZones.key("орел"));
    }
}
