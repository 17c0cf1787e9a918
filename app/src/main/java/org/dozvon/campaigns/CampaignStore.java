package org.dozvon.campaigns;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.dozvon.contacts.ContactFilter;
import org.dozvon.contacts.ContactSelection;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Campaigns in PostgreSQL: one row of settings, and child rows for lists, DNC lists, per-phone-type
 * limits, calling hours and date exceptions, replaced as a whole on every edit.
 */
@Repository
class CampaignStore {

    private static final String COLUMNS = """
            id, name, description, status, strategy_key, strategy_version, list_order, filter::text, sample_percent,
            order_field, order_descending, completion_code_group_id, calendar_id, endless, weight, starts_at, stops_at,
            time_zone_mode, time_zone, callback_period_hours, number_prefix, max_attempts_per_contact,
            max_attempts_per_day, max_hours_since_first_attempt, max_hours_since_creation, max_lines, caller_id_group_id,
            revision, created_at,
            updated_at, status_changed_at""";

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    CampaignStore(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    long insert(CampaignSettings settings, Instant now) {
        long id = jdbc.sql("""
                        insert into campaign (name, time_zone, created_at, updated_at, status_changed_at)
                        values (:name, :zone, :now, :now, :now) returning id""")
                .param("name", settings.name()).param("zone", settings.timeZone()).param("now", Timestamp.from(now))
                .query(Long.class).single();
        write(id, settings, now, false);
        return id;
    }

    /** Replaces the settings and counts one more revision; returns that revision. */
    long update(long id, CampaignSettings settings, Instant now) {
        write(id, settings, now, true);
        return jdbc.sql("select revision from campaign where id = :id").param("id", id).query(Long.class).single();
    }

    private void write(long id, CampaignSettings s, Instant now, boolean newRevision) {
        jdbc.sql("""
                        update campaign set name = :name, description = :description, strategy_key = :strategyKey,
                            strategy_version = :strategyVersion, list_order = :listOrder, filter = cast(:filter as jsonb),
                            sample_percent = :percent, order_field = :orderField, order_descending = :orderDescending,
                            completion_code_group_id = :codeGroup, calendar_id = :calendar, endless = :endless,
                            weight = :weight, starts_at = :startsAt, stops_at = :stopsAt, time_zone_mode = :zoneMode,
                            time_zone = :zone, callback_period_hours = :callbackHours, number_prefix = :prefix,
                            max_attempts_per_contact = :perContact, max_attempts_per_day = :perDay,
                            max_hours_since_first_attempt = :sinceFirst, max_hours_since_creation = :sinceCreation,
                            max_lines = :maxLines, caller_id_group_id = :callerIdGroup, updated_at = :now, revision = revision + :bump
                        where id = :id""")
                .param("name", s.name()).param("description", s.description())
                .param("strategyKey", s.strategyKey()).param("strategyVersion", s.strategyVersion())
                .param("listOrder", s.listOrder().name()).param("filter", toJson(s.filter()))
                .param("percent", s.percent()).param("orderField", s.ordering().fieldCode())
                .param("orderDescending", s.ordering().descending())
                .param("codeGroup", s.completionCodeGroupId()).param("calendar", s.calendarId())
                .param("endless", s.endless()).param("weight", s.weight())
                .param("startsAt", timestamp(s.startsAt())).param("stopsAt", timestamp(s.stopsAt()))
                .param("zoneMode", s.timeZoneMode().name()).param("zone", s.timeZone())
                .param("callbackHours", s.callbackPeriodHours()).param("prefix", s.numberPrefix())
                .param("perContact", s.maxAttemptsPerContact()).param("perDay", s.maxAttemptsPerDay())
                .param("sinceFirst", s.maxHoursSinceFirstAttempt()).param("sinceCreation", s.maxHoursSinceCreation())
                .param("maxLines", s.maxLines()).param("callerIdGroup", s.callerIdGroupId())
                .param("now", Timestamp.from(now)).param("bump", newRevision ? 1 : 0).param("id", id)
                .update();
        for (String table : List.of("campaign_list", "campaign_dnc_list", "campaign_phone_type_limit",
                "campaign_calling_hours", "campaign_date_exception")) {
            jdbc.sql("delete from " + table + " where campaign_id = :id").param("id", id).update();
        }
        for (int i = 0; i < s.listIds().size(); i++) {
            jdbc.sql("insert into campaign_list (campaign_id, list_id, position) values (:id, :list, :position)")
                    .param("id", id).param("list", s.listIds().get(i)).param("position", i + 1).update();
        }
        for (Long dncList : s.dncListIds()) {
            jdbc.sql("insert into campaign_dnc_list (campaign_id, dnc_list_id) values (:id, :list)")
                    .param("id", id).param("list", dncList).update();
        }
        s.maxAttemptsPerPhoneType().forEach((code, max) ->
                jdbc.sql("insert into campaign_phone_type_limit (campaign_id, field_code, max_attempts) values (:id, :code, :max)")
                        .param("id", id).param("code", code).param("max", max).update());
        s.callingHours().forEach((type, intervals) -> intervals.forEach(interval ->
                jdbc.sql("insert into campaign_calling_hours (campaign_id, day_type, from_time, to_time) values (:id, :type, :from, :to)")
                        .param("id", id).param("type", type.name()).param("from", interval.from()).param("to", interval.to())
                        .update()));
        s.exceptions().forEach((date, intervals) -> {
            if (intervals.isEmpty()) {
                jdbc.sql("insert into campaign_date_exception (campaign_id, day) values (:id, :day)")
                        .param("id", id).param("day", date).update();
            }
            intervals.forEach(interval ->
                    jdbc.sql("insert into campaign_date_exception (campaign_id, day, from_time, to_time) values (:id, :day, :from, :to)")
                            .param("id", id).param("day", date).param("from", interval.from()).param("to", interval.to())
                            .update());
        });
    }

    Optional<CampaignView> find(long id) {
        return load("select " + COLUMNS + " from campaign where id = :id", Map.of("id", id)).stream().findFirst();
    }

    /** The campaign, its row locked until the transaction ends: status changes are decided one at a time. */
    Optional<CampaignView> lock(long id) {
        return load("select " + COLUMNS + " from campaign where id = :id for update", Map.of("id", id)).stream().findFirst();
    }

    List<CampaignView> all() {
        return load("select " + COLUMNS + " from campaign order by lower(name)", Map.of());
    }

    List<CampaignView> withStatus(CampaignStatus status) {
        return load("select " + COLUMNS + " from campaign where status = :status order by weight desc, id",
                Map.of("status", status.name()));
    }

    List<CampaignView> withStrategy(String strategyKey) {
        return load("select " + COLUMNS + " from campaign where strategy_key = :key order by lower(name), id",
                Map.of("key", strategyKey));
    }

    Optional<Long> revision(long id) {
        return jdbc.sql("select revision from campaign where id = :id").param("id", id).query(Long.class).optional();
    }

    boolean nameTaken(String name, Long except) {
        return jdbc.sql("select count(*) > 0 from campaign where lower(name) = lower(:name) and id <> :except")
                .param("name", name).param("except", except == null ? -1 : except).query(Boolean.class).single();
    }

    void setStatus(long id, CampaignStatus status, Instant now) {
        jdbc.sql("update campaign set status = :status, status_changed_at = :now where id = :id")
                .param("status", status.name()).param("now", Timestamp.from(now)).param("id", id).update();
    }

    /** Running or paused campaigns whose stop date is not after {@code now}. */
    List<Long> pastStopDate(Instant now) {
        return jdbc.sql("select id from campaign where status in ('RUNNING', 'PAUSED') and stops_at <= :now order by id")
                .param("now", Timestamp.from(now)).query(Long.class).list();
    }

    void delete(long id) {
        jdbc.sql("delete from campaign where id = :id").param("id", id).update();
    }

    /** Names of contact lists by id, for pages. */
    Map<Long, String> listNames() {
        Map<Long, String> names = new HashMap<>();
        jdbc.sql("select id, name from contact_list").query((rs, n) -> names.put(rs.getLong(1), rs.getString(2))).list();
        return names;
    }

    private List<CampaignView> load(String sql, Map<String, ?> params) {
        List<Row> rows = jdbc.sql(sql).params(params).query((rs, n) -> row(rs)).list();
        if (rows.isEmpty()) {
            return List.of();
        }
        List<Long> ids = rows.stream().map(Row::id).toList();
        Map<Long, List<Long>> lists = new HashMap<>();
        jdbc.sql("select campaign_id, list_id from campaign_list where campaign_id in (:ids) order by campaign_id, position")
                .param("ids", ids)
                .query((rs, n) -> lists.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getLong(2))).list();
        Map<Long, List<Long>> dncLists = new HashMap<>();
        jdbc.sql("select campaign_id, dnc_list_id from campaign_dnc_list where campaign_id in (:ids) order by campaign_id, dnc_list_id")
                .param("ids", ids)
                .query((rs, n) -> dncLists.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getLong(2))).list();
        Map<Long, Map<String, Integer>> phoneLimits = new HashMap<>();
        jdbc.sql("select campaign_id, field_code, max_attempts from campaign_phone_type_limit where campaign_id in (:ids)")
                .param("ids", ids)
                .query((rs, n) -> phoneLimits.computeIfAbsent(rs.getLong(1), k -> new LinkedHashMap<>())
                        .put(rs.getString(2), rs.getInt(3))).list();
        Map<Long, Map<DayType, List<CallingInterval>>> hours = new HashMap<>();
        jdbc.sql("select campaign_id, day_type, from_time, to_time from campaign_calling_hours where campaign_id in (:ids)"
                        + " order by campaign_id, day_type, from_time, to_time")
                .param("ids", ids)
                .query((rs, n) -> hours.computeIfAbsent(rs.getLong(1), k -> new EnumMap<>(DayType.class))
                        .computeIfAbsent(DayType.valueOf(rs.getString(2)), k -> new ArrayList<>())
                        .add(new CallingInterval(rs.getObject(3, LocalTime.class), rs.getObject(4, LocalTime.class)))).list();
        Map<Long, Map<LocalDate, List<CallingInterval>>> exceptions = new HashMap<>();
        jdbc.sql("select campaign_id, day, from_time, to_time from campaign_date_exception where campaign_id in (:ids)"
                        + " order by campaign_id, day, from_time")
                .param("ids", ids)
                .query((rs, n) -> {
                    List<CallingInterval> intervals = exceptions.computeIfAbsent(rs.getLong(1), k -> new TreeMap<>())
                            .computeIfAbsent(rs.getObject(2, LocalDate.class), k -> new ArrayList<>());
                    LocalTime from = rs.getObject(3, LocalTime.class);
                    if (from != null) {
                        intervals.add(new CallingInterval(from, rs.getObject(4, LocalTime.class)));
                    }
                    return intervals;
                }).list();
        return rows.stream().map(row -> row.view(lists.getOrDefault(row.id(), List.of()), dncLists.getOrDefault(row.id(), List.of()),
                phoneLimits.getOrDefault(row.id(), Map.of()), hours.getOrDefault(row.id(), Map.of()),
                exceptions.getOrDefault(row.id(), Map.of()))).toList();
    }

    private Row row(ResultSet rs) throws SQLException {
        return new Row(rs.getLong("id"), rs.getString("name"), rs.getString("description"),
                CampaignStatus.valueOf(rs.getString("status")), rs.getString("strategy_key"),
                (Integer) rs.getObject("strategy_version"), ContactSelection.ListOrder.valueOf(rs.getString("list_order")),
                fromJson(rs.getString("filter")), rs.getInt("sample_percent"),
                new ContactSelection.Ordering(rs.getString("order_field"), rs.getBoolean("order_descending")),
                (Long) rs.getObject("completion_code_group_id"), (Long) rs.getObject("calendar_id"),
                rs.getBoolean("endless"), rs.getInt("weight"), instant(rs, "starts_at"), instant(rs, "stops_at"),
                TimeZoneMode.valueOf(rs.getString("time_zone_mode")), rs.getString("time_zone"),
                (Integer) rs.getObject("callback_period_hours"), rs.getString("number_prefix"),
                (Integer) rs.getObject("max_attempts_per_contact"), (Integer) rs.getObject("max_attempts_per_day"),
                (Integer) rs.getObject("max_hours_since_first_attempt"), (Integer) rs.getObject("max_hours_since_creation"),
                (Integer) rs.getObject("max_lines"), (Long) rs.getObject("caller_id_group_id"),
                rs.getLong("revision"), instant(rs, "created_at"), instant(rs, "updated_at"), instant(rs, "status_changed_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private String toJson(ContactFilter filter) {
        try {
            return json.writeValueAsString(filter);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private ContactFilter fromJson(String text) {
        try {
            return json.readValue(text, ContactFilter.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("campaign filter " + text + " cannot be read", e);
        }
    }

    private record Row(long id, String name, String description, CampaignStatus status, String strategyKey,
                       Integer strategyVersion, ContactSelection.ListOrder listOrder, ContactFilter filter, int percent,
                       ContactSelection.Ordering ordering, Long codeGroup, Long calendar, boolean endless, int weight,
                       Instant startsAt, Instant stopsAt, TimeZoneMode zoneMode, String zone, Integer callbackHours,
                       String prefix, Integer perContact, Integer perDay, Integer sinceFirst, Integer sinceCreation,
                       Integer maxLines, Long callerIdGroup, long revision, Instant createdAt, Instant updatedAt, Instant statusChangedAt) {

        CampaignView view(List<Long> lists, List<Long> dncLists, Map<String, Integer> phoneLimits,
                          Map<DayType, List<CallingInterval>> hours, Map<LocalDate, List<CallingInterval>> exceptions) {
            CampaignSettings settings = new CampaignSettings(name, description, strategyKey, strategyVersion, lists, listOrder,
                    filter, percent, ordering, dncLists, codeGroup, calendar, endless, weight, startsAt, stopsAt, zoneMode, zone,
                    hours, exceptions, callbackHours, prefix, perContact, phoneLimits, perDay, sinceFirst, sinceCreation,
                    maxLines, callerIdGroup);
            return new CampaignView(id, status, revision, settings, createdAt, updatedAt, statusChangedAt);
        }
    }
}
