package org.dozvon.campaigns;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.dozvon.ApplicationTestBase;
import org.dozvon.PortalClient;
import org.dozvon.contacts.ContactFilter;
import org.dozvon.contacts.ContactSelection;

/**
 * Contact lists made through the real contacts API for campaign tests, and a builder of campaign
 * settings that starts from the form's defaults.
 */
final class CampaignFixture {

    private final PortalClient api;
    private final ObjectMapper json = new ObjectMapper();
    final String suffix = "c" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);

    CampaignFixture(PortalClient api) {
        this.api = api;
    }

    /** A list with fields city (text), amount (number) and phone, holding the given contacts (city, amount). */
    long listWith(String... cityAndAmount) throws Exception {
        send("POST", "/api/v1/contact-fields", "{\"code\": \"city_%s\", \"name\": \"City %1$s\", \"type\": \"TEXT\"}".formatted(suffix));
        send("POST", "/api/v1/contact-fields", "{\"code\": \"amount_%s\", \"name\": \"Amount %1$s\", \"type\": \"NUMBER\"}".formatted(suffix));
        send("POST", "/api/v1/contact-fields", "{\"code\": \"phone_%s\", \"name\": \"Mobile %1$s\", \"type\": \"PHONE\"}".formatted(suffix));
        HttpResponse<String> list = send("POST", "/api/v1/contact-lists", """
                {"name": "Campaign list %1$s", "fields": [{"code": "city_%1$s"}, {"code": "amount_%1$s"}, {"code": "phone_%1$s"}]}"""
                .formatted(suffix));
        assertThat(list.statusCode()).as(list.body()).isEqualTo(201);
        long listId = json.readTree(list.body()).get("id").asLong();
        List<Map<String, String>> contacts = new ArrayList<>();
        for (int i = 0; i < cityAndAmount.length; i += 2) {
            contacts.add(Map.of("city_" + suffix, cityAndAmount[i], "amount_" + suffix, cityAndAmount[i + 1],
                    "phone_" + suffix, "+7912" + String.format("%07d", Math.abs((suffix + i).hashCode()) % 10_000_000)));
        }
        HttpResponse<String> added = send("POST", "/api/v1/contact-lists/" + listId + "/contacts", json.writeValueAsString(contacts));
        assertThat(json.readTree(added.body()).get("inserted").asInt()).as(added.body()).isEqualTo(contacts.size());
        return listId;
    }

    String city() {
        return "city_" + suffix;
    }

    String amount() {
        return "amount_" + suffix;
    }

    String phone() {
        return "phone_" + suffix;
    }

    HttpResponse<String> send(String method, String path, String body) {
        return api.apiSend(method, path, body, "admin", ApplicationTestBase.ADMIN_PASSWORD);
    }

    static Settings settings(String name) {
        return new Settings(name);
    }

    /** Campaign settings with the form's defaults, changed one setting at a time. */
    static final class Settings {
        String name;
        String strategyKey;
        Integer strategyVersion;
        List<Long> lists = new ArrayList<>();
        ContactSelection.ListOrder listOrder = ContactSelection.ListOrder.IN_ORDER;
        ContactFilter filter = ContactFilter.NONE;
        int percent = 100;
        ContactSelection.Ordering ordering = ContactSelection.Ordering.OLDEST_FIRST;
        List<Long> dncLists = new ArrayList<>();
        Long completionCodeGroupId;
        Long calendarId;
        boolean endless;
        int weight = 1;
        Instant startsAt;
        Instant stopsAt;
        TimeZoneMode mode = TimeZoneMode.CONTACT;
        String zone = CampaignSettings.DEFAULT_ZONE;
        Map<DayType, List<CallingInterval>> hours = new EnumMap<>(CampaignSettings.blank().callingHours());
        Map<LocalDate, List<CallingInterval>> exceptions = new LinkedHashMap<>();
        Integer callbackPeriodHours;
        String numberPrefix;
        Integer maxAttemptsPerContact;
        Map<String, Integer> maxAttemptsPerPhoneType = new LinkedHashMap<>();
        Integer maxAttemptsPerDay;
        Integer maxHoursSinceFirstAttempt;
        Integer maxHoursSinceCreation;
        CampaignDialing dialing = CampaignDialing.DEFAULT;
        CampaignIntegrations integrations = CampaignIntegrations.NONE;

        Settings(String name) {
            this.name = name;
        }

        Settings strategy(String key) {
            this.strategyKey = key;
            return this;
        }

        Settings strategyVersion(Integer version) {
            this.strategyVersion = version;
            return this;
        }

        Settings lists(Long... ids) {
            this.lists = List.of(ids);
            return this;
        }

        Settings dialing(CampaignDialing dialing) {
            this.dialing = dialing;
            return this;
        }

        Settings noHours() {
            hours.replaceAll((type, intervals) -> List.of());
            return this;
        }

        CampaignSettings build() {
            return new CampaignSettings(name, null, strategyKey, strategyVersion, lists, listOrder, filter, percent, ordering,
                    dncLists, completionCodeGroupId, calendarId, endless, weight, startsAt, stopsAt, mode, zone, hours,
                    exceptions, callbackPeriodHours, numberPrefix, maxAttemptsPerContact, maxAttemptsPerPhoneType,
                    maxAttemptsPerDay, maxHoursSinceFirstAttempt, maxHoursSinceCreation, null, null, dialing, null, integrations);
        }
    }
}
