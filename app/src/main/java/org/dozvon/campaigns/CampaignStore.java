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

    /** A campaign's rows in other tables, as arrays beside its own columns (see {@link #load}). */
    private static final String CHILDREN = """
            array(select l.list_id from campaign_list l where l.campaign_id = campaign.id order by l.position) as lists,
            array(select d.dnc_list_id from campaign_dnc_list d where d.campaign_id = campaign.id order by d.dnc_list_id)
                as dnc_lists,
            array(select array[t.field_code, t.max_attempts::text] from campaign_phone_type_limit t
                  where t.campaign_id = campaign.id order by t.field_code) as phone_limits,
            array(select array[h.day_type, h.from_time::text, h.to_time::text] from campaign_calling_hours h
                  where h.campaign_id = campaign.id order by h.day_type, h.from_time, h.to_time) as hours,
            array(select array[e.day::text, e.from_time::text, e.to_time::text] from campaign_date_exception e
                  where e.campaign_id = campaign.id order by e.day, e.from_time) as exceptions""";

    private static final String COLUMNS = """
            id, name, description, status, strategy_key, strategy_version, list_order, filter::text, sample_percent,
            order_field, order_descending, completion_code_group_id, calendar_id, endless, weight, starts_at, stops_at,
            time_zone_mode, time_zone, callback_period_hours, number_prefix, max_attempts_per_contact,
            max_attempts_per_day, max_hours_since_first_attempt, max_hours_since_creation, max_lines, caller_id_group_id,
            dialing_mode, lines_per_operator, abandon_target, preview_seconds, detect_machine, skill_id, min_skill_level,
            min_operators, max_operators, wrap_up_seconds, default_code, script_id, integrations::text,
            revision, created_at, updated_at, status_changed_at, started_at, """ + CHILDREN;

    private static final int MAX_FILTERS = 500;

    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final Map<String, ContactFilter> filters = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, CampaignIntegrations> integrations = new java.util.concurrent.ConcurrentHashMap<>();

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
                            max_lines = :maxLines, caller_id_group_id = :callerIdGroup,
                            dialing_mode = :mode, lines_per_operator = :linesPerOperator, abandon_target = :abandonTarget,
                            preview_seconds = :previewSeconds, detect_machine = :detectMachine, skill_id = :skill,
                            min_skill_level = :minSkillLevel, min_operators = :minOperators, max_operators = :maxOperators,
                            wrap_up_seconds = :wrapUp, default_code = :defaultCode, script_id = :script,
                            integrations = cast(:integrations as jsonb), updated_at = :now, revision = revision + :bump
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
                .param("mode", s.dialing().mode().name()).param("linesPerOperator", s.dialing().linesPerOperator())
                .param("abandonTarget", s.dialing().abandonTarget()).param("previewSeconds", s.dialing().previewSeconds())
                .param("detectMachine", s.dialing().detectMachine()).param("skill", s.dialing().skillId())
                .param("minSkillLevel", s.dialing().minSkillLevel()).param("minOperators", s.dialing().minOperators())
                .param("maxOperators", s.dialing().maxOperators()).param("wrapUp", s.dialing().wrapUpSeconds())
                .param("defaultCode", s.dialing().defaultCode())
                .param("script", s.scriptId())
                .param("integrations", toJson(s.integrations()))
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

    /** Up to {@code size} campaigns after id {@code after} (null: from the first) in id order, of a status, named like {@code q}. */
    List<CampaignView> page(CampaignStatus status, String q, Long after, int size) {
        Map<String, Object> params = new java.util.HashMap<>();
        params.put("status", status == null ? null : status.name());
        params.put("q", q == null || q.isBlank() ? null : "%" + q.strip().toLowerCase(java.util.Locale.ROOT)
                .replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        params.put("after", after == null ? Long.MIN_VALUE : after);
        params.put("size", size);
        return load("select " + COLUMNS + " from campaign"
                + " where (cast(:status as varchar) is null or status = :status)"
                + " and (cast(:q as varchar) is null or lower(name) like :q)"
                + " and id > :after order by id limit :size", params);
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

    /** Sets the weight alone, counting one more revision; returns that revision. */
    long changeWeight(long id, int weight, Instant now) {
        return jdbc.sql("update campaign set weight = :weight, updated_at = :now, revision = revision + 1 where id = :id"
                        + " returning revision")
                .param("weight", weight).param("now", Timestamp.from(now)).param("id", id).query(Long.class).single();
    }

    /** A start (not a resume): the campaign's status and its start time. */
    void setStarted(long id, Instant now) {
        jdbc.sql("update campaign set status = 'RUNNING', status_changed_at = :now, started_at = :now where id = :id")
                .param("now", Timestamp.from(now)).param("id", id).update();
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

    /**
     * The campaigns a query of {@link #COLUMNS} (with {@link #CHILDREN}) answers, each with its lists, DNC lists,
     * limits, hours and exceptions, all in that one statement: a strategy step reads its campaign every time.
     */
    private List<CampaignView> load(String sql, Map<String, ?> params) {
        return jdbc.sql(sql).params(params).query((rs, n) -> {
            Row row = row(rs);
            Map<String, Integer> phoneLimits = new LinkedHashMap<>();
            for (String[] limit : rows(rs, "phone_limits")) {
                phoneLimits.put(limit[0], Integer.valueOf(limit[1]));
            }
            Map<DayType, List<CallingInterval>> hours = new EnumMap<>(DayType.class);
            for (String[] interval : rows(rs, "hours")) {
                hours.computeIfAbsent(DayType.valueOf(interval[0]), k -> new ArrayList<>())
                        .add(new CallingInterval(LocalTime.parse(interval[1]), LocalTime.parse(interval[2])));
            }
            Map<LocalDate, List<CallingInterval>> exceptions = new TreeMap<>();
            for (String[] exception : rows(rs, "exceptions")) {
                List<CallingInterval> intervals = exceptions.computeIfAbsent(LocalDate.parse(exception[0]), k -> new ArrayList<>());
                if (exception[1] != null) {
                    intervals.add(new CallingInterval(LocalTime.parse(exception[1]), LocalTime.parse(exception[2])));
                }
            }
            return row.view(ids(rs, "lists"), ids(rs, "dnc_lists"), phoneLimits, hours, exceptions);
        }).list();
    }

    private static List<Long> ids(ResultSet rs, String column) throws SQLException {
        java.sql.Array array = rs.getArray(column);
        return array == null ? List.of() : List.of((Long[]) array.getArray());
    }

    /** A two-dimensional text array's rows (an empty array has none). */
    private static List<String[]> rows(ResultSet rs, String column) throws SQLException {
        java.sql.Array array = rs.getArray(column);
        if (array == null) {
            return List.of();
        }
        List<String[]> rows = new ArrayList<>();
        for (Object row : (Object[]) array.getArray()) {
            rows.add((String[]) row);
        }
        return rows;
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
                new CampaignDialing(DialingMode.valueOf(rs.getString("dialing_mode")), rs.getDouble("lines_per_operator"),
                        rs.getDouble("abandon_target"), rs.getInt("preview_seconds"), (Boolean) rs.getObject("detect_machine"),
                        (Long) rs.getObject("skill_id"), rs.getInt("min_skill_level"), (Integer) rs.getObject("min_operators"),
                        (Integer) rs.getObject("max_operators"), rs.getInt("wrap_up_seconds"),
                        rs.getString("default_code")),
                (Long) rs.getObject("script_id"), integrations(rs.getString("integrations")),
                rs.getLong("revision"), instant(rs, "created_at"), instant(rs, "updated_at"), instant(rs, "status_changed_at"),
                instant(rs, "started_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private String toJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The integrations a text holds; parsed once per text, as filters are (they are immutable too). */
    private CampaignIntegrations integrations(String text) {
        CampaignIntegrations known = integrations.get(text);
        if (known != null) {
            return known;
        }
        try {
            CampaignIntegrations read = json.readValue(text, CampaignIntegrations.class);
            if (integrations.size() >= MAX_FILTERS) {
                integrations.clear();
            }
            integrations.put(text, read);
            return read;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("campaign integrations " + text + " cannot be read", e);
        }
    }

    /**
     * The filter a text holds. Filters are immutable and a strategy step reads its campaign every time, so each
     * text is parsed once (a few hundred distinct texts at most; the cache starts afresh beyond that).
     */
    private ContactFilter fromJson(String text) {
        ContactFilter known = filters.get(text);
        if (known != null) {
            return known;
        }
        try {
            ContactFilter filter = json.readValue(text, ContactFilter.class);
            if (filters.size() >= MAX_FILTERS) {
                filters.clear();
            }
            filters.put(text, filter);
            return filter;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("campaign filter " + text + " cannot be read", e);
        }
    }

    private record Row(long id, String name, String description, CampaignStatus status, String strategyKey,
                       Integer strategyVersion, ContactSelection.ListOrder listOrder, ContactFilter filter, int percent,
                       ContactSelection.Ordering ordering, Long codeGroup, Long calendar, boolean endless, int weight,
                       Instant startsAt, Instant stopsAt, TimeZoneMode zoneMode, String zone, Integer callbackHours,
                       String prefix, Integer perContact, Integer perDay, Integer sinceFirst, Integer sinceCreation,
                       Integer maxLines, Long callerIdGroup, CampaignDialing dialing, Long script,
                       CampaignIntegrations integrations, long revision, Instant createdAt, Instant updatedAt, Instant statusChangedAt,
                       Instant startedAt) {

        CampaignView view(List<Long> lists, List<Long> dncLists, Map<String, Integer> phoneLimits,
                          Map<DayType, List<CallingInterval>> hours, Map<LocalDate, List<CallingInterval>> exceptions) {
            CampaignSettings settings = new CampaignSettings(name, description, strategyKey, strategyVersion, lists, listOrder,
                    filter, percent, ordering, dncLists, codeGroup, calendar, endless, weight, startsAt, stopsAt, zoneMode, zone,
                    hours, exceptions, callbackHours, prefix, perContact, phoneLimits, perDay, sinceFirst, sinceCreation,
                    maxLines, callerIdGroup, dialing, script, integrations);
            return new CampaignView(id, status, revision, settings, createdAt, updatedAt, statusChangedAt, startedAt);
        }
    }
}
