package org.dozvon.campaigns;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.dozvon.Violation;
import org.dozvon.contacts.ContactFilter;
import org.dozvon.contacts.ContactSelection;
import org.junit.jupiter.api.Test;

import org.springframework.util.LinkedMultiValueMap;

/** The campaign form's fields and the settings, both ways, without a server. */
class CampaignFormTests {

    @Test
    void settingsSurviveTheFormRoundTrip() {
        CampaignFixture.Settings given = CampaignFixture.settings("Round trip");
        given.strategyKey = "debt";
        given.strategyVersion = 4;
        given.lists = List.of(7L, 3L);
        given.listOrder = ContactSelection.ListOrder.ANY_ORDER;
        given.filter = ContactFilter.any(ContactFilter.condition("city", ContactFilter.Operator.IN, "Казань", "Уфа"),
                ContactFilter.all(ContactFilter.condition("amount", ContactFilter.Operator.GREATER, "100"),
                        ContactFilter.any(ContactFilter.condition("due", ContactFilter.Operator.LESS, "today-3"))));
        given.percent = 40;
        given.ordering = new ContactSelection.Ordering("amount", true);
        given.dncLists = List.of(2L);
        given.completionCodeGroupId = 5L;
        given.calendarId = 6L;
        given.endless = true;
        given.weight = 12;
        given.startsAt = Instant.parse("2030-01-10T06:00:00Z");
        given.stopsAt = Instant.parse("2030-02-01T15:00:00Z");
        given.mode = TimeZoneMode.CAMPAIGN;
        given.zone = "Asia/Yekaterinburg";
        given.hours = Map.of(DayType.WORKDAY, List.of(CallingInterval.of("09:00", "13:00"), CallingInterval.of("22:00", "02:00")),
                DayType.WEEKEND, List.of(), DayType.HOLIDAY, List.of(CallingInterval.of("12:00", "14:00")));
        given.exceptions = Map.of(LocalDate.of(2029, 12, 31), List.of(CallingInterval.of("10:00", "16:00")),
                LocalDate.of(2030, 1, 1), List.of());
        given.callbackPeriodHours = 24;
        given.numberPrefix = "+7";
        given.maxAttemptsPerContact = 9;
        given.maxAttemptsPerPhoneType = Map.of("mobile", 4, "home", 2);
        given.maxAttemptsPerDay = 3;
        given.maxHoursSinceFirstAttempt = 100;
        given.maxHoursSinceCreation = 1000;
        CampaignSettings settings = given.build();

        CampaignForm.Parsed parsed = CampaignForm.parse(CampaignForm.of(settings, 8L));

        assertThat(parsed.violations()).isEmpty();
        assertThat(parsed.settings()).isEqualTo(settings);
        assertThat(parsed.revision()).isEqualTo(8);
    }

    @Test
    void integrationLinksAndTheClientDataServiceSurviveTheFormRoundTrip() {
        CampaignFixture.Settings given = CampaignFixture.settings("Integrations");
        given.integrations = new CampaignIntegrations(List.of(
                new IntegrationLink("CRM", "https://crm.example/clients/{client_id}", false),
                new IntegrationLink("Map", "https://maps.example/?q={address}&by={operator}", true)),
                new ClientDataService("https://crm.example/api/{client_id}", ClientDataService.Method.POST, 12, null));
        CampaignSettings settings = given.build();

        CampaignForm.Parsed parsed = CampaignForm.parse(CampaignForm.of(settings, 1L));

        assertThat(parsed.violations()).isEmpty();
        assertThat(parsed.settings().integrations()).isEqualTo(settings.integrations());
    }

    @Test
    void whatCannotBeReadBecomesAViolationOfItsField() {
        LinkedMultiValueMap<String, String> values = new LinkedMultiValueMap<>();
        values.add("name", "Broken");
        values.add("weight", "heavy");
        values.add("lists", "seven");
        values.add("startsAt", "tomorrow");
        values.add("callingHours.WEEKEND", "10-18");
        values.add("exceptionDate", "31.12.2030");
        values.add("exceptionHours", "");
        values.add("exceptionDate", "2030-01-01");
        values.add("exceptionHours", "");
        values.add("exceptionDate", "2030-01-01");
        values.add("exceptionHours", "10:00-12:00");
        values.add("maxAttemptsPerPhoneType.mobile", "x");

        CampaignForm.Parsed parsed = CampaignForm.parse(new FormValues(values));

        assertThat(parsed.violations()).extracting(Violation::field).containsExactly("lists", "callingHours.WEEKEND", "exceptions",
                "exceptions", "maxAttemptsPerPhoneType", "weight", "startsAt");
        assertThat(parsed.settings().name()).isEqualTo("Broken");
        assertThat(parsed.settings().exceptions()).containsOnlyKeys(LocalDate.of(2030, 1, 1));
    }

    @Test
    void theBuilderLeavesOutUntouchedRowsAndEmptyGroups() {
        LinkedMultiValueMap<String, String> values = new LinkedMultiValueMap<>();
        values.addAll("filterGroup", List.of("0", "0.1", "0.2"));
        values.addAll("filterGroupLogic", List.of("OR", "AND", "AND"));
        values.addAll("conditionGroup", List.of("0", "0", "0.1"));
        values.addAll("conditionField", List.of("city", "", "amount"));
        values.addAll("conditionOperator", List.of("EQUALS", "EQUALS", "LESS"));
        values.addAll("conditionValue", List.of("Уфа", "", "10"));
        FilterForm.Group root = FilterForm.read(new FormValues(values));

        assertThat(FilterForm.toFilter(root)).isEqualTo(ContactFilter.any(ContactFilter.condition("city", ContactFilter.Operator.EQUALS, "Уфа"),
                ContactFilter.all(ContactFilter.condition("amount", ContactFilter.Operator.LESS, "10"))));

        FilterForm.apply(root, "removeCondition", "0");
        FilterForm.apply(root, "addGroup", "0.1");
        assertThat(root.groups().get(0).groups()).extracting(FilterForm.Group::path).containsExactly("0.1.1");
        assertThat(root.groups().get(0).groups().get(0).logic()).as("a sub-group starts with the other logic").isEqualTo("OR");
        FilterForm.apply(root, "removeGroup", "0.1");
        assertThat(root.groups()).extracting(FilterForm.Group::path).containsExactly("0.2");
        assertThat(FilterForm.toFilter(root)).isEqualTo(new ContactFilter.Group(ContactFilter.Logic.OR, List.of()));
    }
}
