package org.dozvon.agents;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Operators, their skills and states. State changes are conditional updates: the caller learns whether it won. */
@Repository
class OperatorStore {

    private static final String COLUMNS = """
            o.id, o.name, o.user_id, o.endpoint, o.wrap_up_seconds, o.bot, o.state, o.state_since, o.state_until,
            o.campaign_id, o.attempt_id, o.after_call, o.pause_reason, o.auto_answer, o.handed_over, o.pinned_campaign_id""";

    private final JdbcClient jdbc;

    OperatorStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<OperatorView> all() {
        return views(jdbc.sql("select " + COLUMNS + " from operator o order by lower(o.name), o.id").query(this::row).list());
    }

    /** Logged in and not paused. */
    List<OperatorView> working() {
        return views(jdbc.sql("select " + COLUMNS + " from operator o where o.state not in ('OFFLINE', 'NOT_READY')"
                + " order by o.state_since, o.id").query(this::row).list());
    }

    List<OperatorView> inState(OperatorState state) {
        return views(jdbc.sql("select " + COLUMNS + " from operator o where o.state = :state order by o.state_since, o.id")
                .param("state", state.name()).query(this::row).list());
    }

    Optional<OperatorView> find(long id) {
        return jdbc.sql("select " + COLUMNS + " from operator o where o.id = :id").param("id", id).query(this::row)
                .optional().map(view -> views(List.of(view)).get(0));
    }

    Optional<OperatorView> byName(String name) {
        return jdbc.sql("select " + COLUMNS + " from operator o where lower(o.name) = lower(:name)").param("name", name)
                .query(this::row).optional().map(view -> views(List.of(view)).get(0));
    }

    Optional<OperatorView> holding(long attemptId) {
        return jdbc.sql("select " + COLUMNS + " from operator o where o.attempt_id = :attempt and not o.handed_over")
                .param("attempt", attemptId)
                .query(this::row).optional().map(view -> views(List.of(view)).get(0));
    }

    /** The user name an operator logs in with, if it is linked to a user. */
    Optional<String> username(long operatorId) {
        return jdbc.sql("select u.username from operator o join access_user u on u.id = o.user_id where o.id = :id")
                .param("id", operatorId).query(String.class).optional();
    }

    /** Logs an operator in on a phone (NOT_READY); false if another logged-in operator uses that phone. */
    boolean logIn(long id, String endpoint, Instant now) {
        return jdbc.sql("""
                        update operator set endpoint = :endpoint, state = 'NOT_READY', state_since = :now, state_until = null,
                               after_call = null, campaign_id = null
                        where id = :id and state = 'OFFLINE'
                          and not exists (select 1 from operator other where other.id <> :id and other.state <> 'OFFLINE'
                                          and lower(other.endpoint) = lower(:endpoint))""")
                .param("endpoint", endpoint).param("now", Timestamp.from(now)).param("id", id).update() == 1;
    }

    Optional<Long> userNamed(String username) {
        return jdbc.sql("select id from access_user where lower(username) = lower(:name)").param("name", username)
                .query(Long.class).optional();
    }

    boolean userExists(long userId) {
        return jdbc.sql("select exists (select 1 from access_user where id = :id)").param("id", userId)
                .query(Boolean.class).single();
    }

    /** The operator linked to the user of that name. */
    Optional<Long> operatorOfUserName(String username) {
        return jdbc.sql("select o.id from operator o join access_user u on u.id = o.user_id where lower(u.username) = lower(:name)")
                .param("name", username).query(Long.class).optional();
    }

    /** The operator linked to a user. */
    Optional<Long> byUser(long userId) {
        return jdbc.sql("select id from operator where user_id = :id").param("id", userId).query(Long.class).optional();
    }

    long insert(String name, Long userId, String endpoint, Integer wrapUpSeconds, boolean bot) {
        return jdbc.sql("""
                        insert into operator (name, user_id, endpoint, wrap_up_seconds, bot)
                        values (:name, :user, :endpoint, :wrapUp, :bot) returning id""")
                .param("name", name).param("user", userId).param("endpoint", endpoint).param("wrapUp", wrapUpSeconds)
                .param("bot", bot).query(Long.class).single();
    }

    void update(long id, String name, Long userId, String endpoint, Integer wrapUpSeconds) {
        jdbc.sql("update operator set name = :name, user_id = :user, endpoint = :endpoint, wrap_up_seconds = :wrapUp"
                        + " where id = :id")
                .param("name", name).param("user", userId).param("endpoint", endpoint).param("wrapUp", wrapUpSeconds)
                .param("id", id).update();
    }

    void skills(long id, Map<Long, Integer> levels) {
        jdbc.sql("delete from operator_skill where operator_id = :id").param("id", id).update();
        levels.forEach((skill, level) -> jdbc.sql(
                        "insert into operator_skill (operator_id, skill_id, level) values (:id, :skill, :level)")
                .param("id", id).param("skill", skill).param("level", level).update());
    }

    boolean delete(long id) {
        return jdbc.sql("delete from operator where id = :id and state in ('OFFLINE', 'NOT_READY', 'READY')")
                .param("id", id).update() == 1;
    }

    /** Moves an operator that holds no call between OFFLINE, NOT_READY and READY; false if it holds a call. */
    boolean setFreeState(long id, OperatorState state, String reason, Instant now) {
        return jdbc.sql("""
                        update operator set state = :state, state_since = :now, state_until = null, after_call = null,
                               campaign_id = case when :state = 'READY' then campaign_id end,
                               pause_reason = case when :state = 'NOT_READY' then cast(:reason as varchar) end,
                               pinned_campaign_id = case when :state = 'OFFLINE' then null else pinned_campaign_id end
                        where id = :id and attempt_id is null""")
                .param("state", state.name()).param("now", Timestamp.from(now)).param("reason", reason)
                .param("id", id).update() == 1;
    }

    /** Frees an operator from a call that is over without it (a stuck state): NOT_READY, holding nothing. */
    boolean forceNotReady(long id, long attemptId, Instant now) {
        return jdbc.sql("""
                        update operator set state = 'NOT_READY', state_since = :now, state_until = null, after_call = null,
                               attempt_id = null, handed_over = false, campaign_id = null, pause_reason = null
                        where id = :id and attempt_id = :attempt""")
                .param("now", Timestamp.from(now)).param("id", id).param("attempt", attemptId).update() == 1;
    }

    /** Asks an operator who holds a call to go to {@code state} after it. */
    boolean afterCall(long id, OperatorState state, String reason) {
        return jdbc.sql("update operator set after_call = :state, pause_reason = :reason where id = :id and attempt_id is not null")
                .param("state", state == null ? null : state.name()).param("reason", reason).param("id", id).update() == 1;
    }

    boolean assign(long id, Long campaignId) {
        return jdbc.sql("update operator set campaign_id = :campaign where id = :id and state = 'READY'")
                .param("campaign", campaignId).param("id", id).update() == 1;
    }

    boolean reserve(long id, long campaignId, long attemptId, OperatorState state, Instant now, Instant until) {
        return jdbc.sql("""
                        update operator set state = :state, state_since = :now, state_until = :until,
                               campaign_id = :campaign, attempt_id = :attempt
                        where id = :id and state = 'READY'""")
                .param("state", state.name()).param("now", Timestamp.from(now)).param("until", timestamp(until))
                .param("campaign", campaignId).param("attempt", attemptId).param("id", id).update() == 1;
    }

    /** Moves the holder of a call from one state to another; false if no operator holds it in {@code from}. */
    boolean move(long attemptId, List<OperatorState> from, OperatorState to, Instant now, Instant until) {
        return jdbc.sql("""
                        update operator set state = :to, state_since = :now, state_until = :until
                        where attempt_id = :attempt and not handed_over and state in (:from)""")
                .param("to", to.name()).param("now", Timestamp.from(now)).param("until", timestamp(until))
                .param("attempt", attemptId).param("from", from.stream().map(Enum::name).toList()).update() == 1;
    }

    /**
     * The operator lets go of a call: READY again (keeping its campaign, or going to the one a supervisor moved it to
     * meanwhile), or the state it asked for meanwhile (a log-out also drops the move).
     * Returns the operator, or empty if none held the call in one of {@code from}.
     */
    Optional<Long> letGo(long attemptId, List<OperatorState> from, Instant now) {
        return jdbc.sql("""
                        update operator set state = coalesce(after_call, 'READY'), state_since = :now, state_until = null,
                               attempt_id = null, after_call = null,
                               campaign_id = case when after_call is null then coalesce(pinned_campaign_id, campaign_id) end,
                               pinned_campaign_id = case when after_call = 'OFFLINE' then null else pinned_campaign_id end
                        where attempt_id = :attempt and not handed_over and state in (:from)
                        returning id""")
                .param("now", Timestamp.from(now)).param("attempt", attemptId)
                .param("from", from.stream().map(Enum::name).toList()).query(Long.class).optional();
    }

    /** Transfer: the IN_CALL holder of a call wraps up its own part (WRAP_UP, handed over); false if none. */
    Optional<Long> handOver(long attemptId, Instant now, Instant until) {
        return jdbc.sql("""
                        update operator set state = 'WRAP_UP', state_since = :now, state_until = :until, handed_over = true
                        where attempt_id = :attempt and not handed_over and state = 'IN_CALL'
                        returning id""")
                .param("now", Timestamp.from(now)).param("until", timestamp(until)).param("attempt", attemptId)
                .query(Long.class).optional();
    }

    /** The end of the wrap-up of a handed-over part: as {@link #letGo}, for that operator only. */
    boolean letGoPart(long id, long attemptId, Instant now) {
        return jdbc.sql("""
                        update operator set state = coalesce(after_call, 'READY'), state_since = :now, state_until = null,
                               attempt_id = null, after_call = null, handed_over = false,
                               campaign_id = case when after_call is null then coalesce(pinned_campaign_id, campaign_id) end,
                               pinned_campaign_id = case when after_call = 'OFFLINE' then null else pinned_campaign_id end
                        where id = :id and attempt_id = :attempt and handed_over and state = 'WRAP_UP'""")
                .param("now", Timestamp.from(now)).param("id", id).param("attempt", attemptId).update() == 1;
    }

    /**
     * Manual dial: a logged-in operator holding no call (READY or NOT_READY) is given a call as RINGING; a paused one
     * is paused again after it.
     */
    boolean reserveOutsideQueue(long id, long campaignId, long attemptId, Instant now) {
        return jdbc.sql("""
                        update operator set state = 'RINGING', state_since = :now, state_until = null,
                               campaign_id = :campaign, attempt_id = :attempt,
                               after_call = case when state = 'NOT_READY' then 'NOT_READY' else after_call end
                        where id = :id and state in ('READY', 'NOT_READY') and attempt_id is null""")
                .param("now", Timestamp.from(now)).param("campaign", campaignId).param("attempt", attemptId)
                .param("id", id).update() == 1;
    }

    // ---------------------------------------------------------------- pools and moves

    /**
     * Moves an operator to a campaign (null: back to ordinary routing). A READY operator holding no call works there
     * at once when {@code now} is set; any other takes it up when it is READY again.
     */
    void pin(long id, Long campaignId, boolean now) {
        jdbc.sql("""
                        update operator set pinned_campaign_id = :campaign,
                               campaign_id = case when :now and state = 'READY' and attempt_id is null then :campaign
                                                  else campaign_id end
                        where id = :id""")
                .param("campaign", campaignId).param("now", now && campaignId != null).param("id", id).update();
    }

    /** Drops every move to a campaign that stopped; answers the operators that were moved there. */
    List<Long> unpin(long campaignId) {
        return jdbc.sql("update operator set pinned_campaign_id = null where pinned_campaign_id = :campaign returning id")
                .param("campaign", campaignId).query(Long.class).list();
    }

    /** The campaigns of an operator's pool. */
    java.util.Set<Long> campaignsOf(long operatorId) {
        return new java.util.TreeSet<>(jdbc.sql("select campaign_id from operator_campaign where operator_id = :id")
                .param("id", operatorId).query(Long.class).list());
    }

    /** Every operator's pool (operators in none are absent). */
    Map<Long, java.util.Set<Long>> pools() {
        Map<Long, java.util.Set<Long>> pools = new HashMap<>();
        jdbc.sql("select operator_id, campaign_id from operator_campaign").query(rs -> {
            pools.computeIfAbsent(rs.getLong(1), id -> new java.util.TreeSet<>()).add(rs.getLong(2));
        });
        return pools;
    }

    /** Replaces an operator's pool. */
    void setCampaigns(long operatorId, java.util.Collection<Long> campaignIds) {
        jdbc.sql("delete from operator_campaign where operator_id = :id").param("id", operatorId).update();
        if (!campaignIds.isEmpty()) {
            jdbc.sql("insert into operator_campaign (operator_id, campaign_id) select :id, unnest(cast(:campaigns as bigint[]))")
                    .param("id", operatorId).param("campaigns", campaignIds.toArray(Long[]::new)).update();
        }
    }

    /** Locks an operator's row until the transaction ends (pool and move changes are decided one at a time). */
    Optional<OperatorView> lock(long id) {
        return jdbc.sql("select " + COLUMNS + " from operator o where o.id = :id for update").param("id", id)
                .query(this::row).optional().map(view -> views(List.of(view)).get(0));
    }

    void autoAnswer(long id, boolean on) {
        jdbc.sql("update operator set auto_answer = :on where id = :id").param("on", on).param("id", id).update();
    }

    /** Puts a PREVIEW call's dial time at {@code at} (dial now). */
    boolean previewUntil(long id, Instant at) {
        return jdbc.sql("update operator set state_until = :at where id = :id and state = 'PREVIEW'")
                .param("at", Timestamp.from(at)).param("id", id).update() == 1;
    }

    /** Operators whose wrap-up time ran out before {@code now}. */
    List<OperatorView> wrapUpsOverdue(Instant now) {
        return views(jdbc.sql("select " + COLUMNS + " from operator o where o.state = 'WRAP_UP' and o.state_until < :now")
                .param("now", Timestamp.from(now)).query(this::row).list());
    }

    // ---------------------------------------------------------------- extensions

    List<Extension> extensions() {
        return jdbc.sql("""
                        select e.id, e.endpoint, e.description,
                               (select o.name from operator o where o.state <> 'OFFLINE' and lower(o.endpoint) = lower(e.endpoint)
                                limit 1) as in_use_by
                        from extension e order by lower(e.endpoint)""")
                .query((rs, n) -> new Extension(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4))).list();
    }

    boolean extensionExists(String endpoint, Long except) {
        return jdbc.sql("select exists (select 1 from extension where lower(endpoint) = lower(:endpoint)"
                        + " and (cast(:except as bigint) is null or id <> :except))")
                .param("endpoint", endpoint).param("except", except).query(Boolean.class).single();
    }

    long insertExtension(String endpoint, String description) {
        return jdbc.sql("insert into extension (endpoint, description) values (:endpoint, :description) returning id")
                .param("endpoint", endpoint).param("description", description).query(Long.class).single();
    }

    void updateExtension(long id, String endpoint, String description) {
        jdbc.sql("update extension set endpoint = :endpoint, description = :description where id = :id")
                .param("endpoint", endpoint).param("description", description).param("id", id).update();
    }

    boolean deleteExtension(long id) {
        return jdbc.sql("delete from extension where id = :id").param("id", id).update() == 1;
    }

    // ---------------------------------------------------------------- messages

    long insertMessage(long operatorId, String text, String by, Instant at) {
        return jdbc.sql("""
                        insert into operator_message (operator_id, text, sent_by, sent_at) values (:operator, :text, :by, :at)
                        returning id""")
                .param("operator", operatorId).param("text", text).param("by", by).param("at", Timestamp.from(at))
                .query(Long.class).single();
    }

    List<OperatorMessage> unread(long operatorId) {
        return jdbc.sql("""
                        select id, operator_id, text, sent_by, sent_at, read_at from operator_message
                        where operator_id = :operator and read_at is null order by id""")
                .param("operator", operatorId)
                .query((rs, n) -> new OperatorMessage(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                        instant(rs, "sent_at"), instant(rs, "read_at"))).list();
    }

    boolean markRead(long operatorId, long messageId, Instant at) {
        return jdbc.sql("update operator_message set read_at = :at where id = :id and operator_id = :operator and read_at is null")
                .param("at", Timestamp.from(at)).param("id", messageId).param("operator", operatorId).update() == 1;
    }

    // ---------------------------------------------------------------- skills

    List<Skill> skillList() {
        return jdbc.sql("select id, name, description from skill order by lower(name)")
                .query((rs, n) -> new Skill(rs.getLong("id"), rs.getString("name"), rs.getString("description"))).list();
    }

    Optional<Skill> skill(long id) {
        return jdbc.sql("select id, name, description from skill where id = :id").param("id", id)
                .query((rs, n) -> new Skill(rs.getLong("id"), rs.getString("name"), rs.getString("description"))).optional();
    }

    Optional<Skill> skillNamed(String name) {
        return jdbc.sql("select id, name, description from skill where lower(name) = lower(:name)").param("name", name)
                .query((rs, n) -> new Skill(rs.getLong("id"), rs.getString("name"), rs.getString("description"))).optional();
    }

    long insertSkill(String name, String description) {
        return jdbc.sql("insert into skill (name, description) values (:name, :description) returning id")
                .param("name", name).param("description", description).query(Long.class).single();
    }

    void updateSkill(long id, String name, String description) {
        jdbc.sql("update skill set name = :name, description = :description where id = :id")
                .param("name", name).param("description", description).param("id", id).update();
    }

    boolean deleteSkill(long id) {
        return jdbc.sql("delete from skill where id = :id").param("id", id).update() == 1;
    }

    /** How many operators have each skill (skills nobody has are absent). */
    Map<Long, Integer> skillHolders() {
        Map<Long, Integer> holders = new HashMap<>();
        jdbc.sql("select skill_id, count(*) from operator_skill group by skill_id")
                .query(rs -> {
                    holders.put(rs.getLong(1), rs.getInt(2));
                });
        return holders;
    }

    // ---------------------------------------------------------------- rows

    private List<OperatorView> views(List<OperatorView> rows) {
        if (rows.isEmpty()) {
            return rows;
        }
        Map<Long, Map<Long, Integer>> skills = new HashMap<>();
        Map<Long, java.util.Set<Long>> pools = new HashMap<>();
        List<Long> ids = rows.stream().map(OperatorView::id).toList();
        jdbc.sql("select operator_id, skill_id, level from operator_skill where operator_id in (:ids)")
                .param("ids", ids)
                .query(rs -> {
                    skills.computeIfAbsent(rs.getLong(1), id -> new HashMap<>()).put(rs.getLong(2), rs.getInt(3));
                });
        jdbc.sql("select operator_id, campaign_id from operator_campaign where operator_id in (:ids)")
                .param("ids", ids)
                .query(rs -> {
                    pools.computeIfAbsent(rs.getLong(1), id -> new java.util.HashSet<>()).add(rs.getLong(2));
                });
        return rows.stream().map(row -> new OperatorView(row.id(), row.name(), row.userId(), row.endpoint(),
                row.wrapUpSeconds(), row.bot(), skills.getOrDefault(row.id(), Map.of()), row.state(), row.stateSince(),
                row.stateUntil(), row.campaignId(), row.attemptId(), row.afterCall(), row.pauseReason(), row.autoAnswer(),
                row.handedOver(), pools.getOrDefault(row.id(), java.util.Set.of()), row.pinnedCampaignId())).toList();
    }

    private OperatorView row(ResultSet rs, int n) throws SQLException {
        String after = rs.getString("after_call");
        return new OperatorView(rs.getLong("id"), rs.getString("name"), (Long) rs.getObject("user_id"),
                rs.getString("endpoint"), (Integer) rs.getObject("wrap_up_seconds"), rs.getBoolean("bot"), Map.of(),
                OperatorState.valueOf(rs.getString("state")), instant(rs, "state_since"), instant(rs, "state_until"),
                (Long) rs.getObject("campaign_id"), (Long) rs.getObject("attempt_id"),
                after == null ? null : OperatorState.valueOf(after), rs.getString("pause_reason"),
                rs.getBoolean("auto_answer"), rs.getBoolean("handed_over"), java.util.Set.of(),
                (Long) rs.getObject("pinned_campaign_id"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
