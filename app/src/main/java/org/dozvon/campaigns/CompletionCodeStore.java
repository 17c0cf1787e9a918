package org.dozvon.campaigns;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Completion codes, code groups and their members in PostgreSQL. */
@Repository
class CompletionCodeStore {

    private static final String COLUMNS = "c.id, c.code, c.name, c.description, c.kind, c.category, c.resolution,"
            + " c.retry_delay_seconds, c.max_attempts, c.active";

    private final JdbcClient jdbc;

    CompletionCodeStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** System codes first (in the categories' order), then operator codes by code. */
    List<CompletionCode> codes() {
        return jdbc.sql("select " + COLUMNS + " from completion_code c order by c.kind desc, "
                        + ORDER_OF_CATEGORIES + ", c.code")
                .query(CompletionCodeStore::codeRow).list();
    }

    Optional<CompletionCode> byId(long id) {
        return jdbc.sql("select " + COLUMNS + " from completion_code c where c.id = :id")
                .param("id", id).query(CompletionCodeStore::codeRow).optional();
    }

    Optional<CompletionCode> byCode(String code) {
        return jdbc.sql("select " + COLUMNS + " from completion_code c where c.code = :code")
                .param("code", code).query(CompletionCodeStore::codeRow).optional();
    }

    Optional<CompletionCode> system(OutcomeCategory category) {
        return jdbc.sql("select " + COLUMNS + " from completion_code c where c.kind = 'SYSTEM' and c.category = :category")
                .param("category", category.name()).query(CompletionCodeStore::codeRow).optional();
    }

    long insert(CompletionCode code, Instant now) {
        return jdbc.sql("""
                        insert into completion_code (code, name, description, kind, category, resolution,
                            retry_delay_seconds, max_attempts, active, created_at, updated_at)
                        values (:code, :name, :description, :kind, :category, :resolution, :delay, :max, :active, :now, :now)
                        returning id""")
                .params(values(code)).param("now", Timestamp.from(now))
                .query(Long.class).single();
    }

    void update(CompletionCode code, Instant now) {
        jdbc.sql("""
                        update completion_code set name = :name, description = :description, category = :category,
                            resolution = :resolution, retry_delay_seconds = :delay, max_attempts = :max, active = :active,
                            updated_at = :now, version = version + 1
                        where id = :id""")
                .params(values(code)).param("id", code.id()).param("now", Timestamp.from(now)).update();
    }

    void setActive(long id, boolean active, Instant now) {
        jdbc.sql("update completion_code set active = :active, updated_at = :now, version = version + 1 where id = :id")
                .param("active", active).param("now", Timestamp.from(now)).param("id", id).update();
    }

    void delete(long id) {
        jdbc.sql("delete from completion_code where id = :id").param("id", id).update();
    }

    /** Names of the groups that hold this code, by name. */
    List<String> groupsHolding(long codeId) {
        return jdbc.sql("""
                        select g.name from completion_code_group g join completion_code_group_member m on m.group_id = g.id
                        where m.code_id = :id order by lower(g.name)""")
                .param("id", codeId).query(String.class).list();
    }

    List<CodeGroup> groups() {
        return withMembers(jdbc.sql("select id, name, description from completion_code_group order by lower(name)")
                .query((rs, n) -> new CodeGroup(rs.getLong(1), rs.getString(2), rs.getString(3), List.of())).list());
    }

    Optional<CodeGroup> group(long id) {
        return withMembers(jdbc.sql("select id, name, description from completion_code_group where id = :id")
                .param("id", id)
                .query((rs, n) -> new CodeGroup(rs.getLong(1), rs.getString(2), rs.getString(3), List.of())).list())
                .stream().findFirst();
    }

    boolean groupNameTaken(String name, Long except) {
        return jdbc.sql("select count(*) > 0 from completion_code_group where lower(name) = lower(:name) and id <> :except")
                .param("name", name).param("except", except == null ? -1 : except).query(Boolean.class).single();
    }

    long insertGroup(String name, String description, Instant now) {
        return jdbc.sql("""
                        insert into completion_code_group (name, description, created_at, updated_at)
                        values (:name, :description, :now, :now) returning id""")
                .param("name", name).param("description", description).param("now", Timestamp.from(now))
                .query(Long.class).single();
    }

    void updateGroup(long id, String name, String description, Instant now) {
        jdbc.sql("""
                        update completion_code_group set name = :name, description = :description, updated_at = :now,
                            version = version + 1 where id = :id""")
                .param("name", name).param("description", description).param("now", Timestamp.from(now))
                .param("id", id).update();
    }

    void deleteGroup(long id) {
        jdbc.sql("delete from completion_code_group where id = :id").param("id", id).update();
    }

    /** Replaces the group's members with these codes, in this order. */
    void setMembers(long groupId, List<Long> codeIds) {
        jdbc.sql("delete from completion_code_group_member where group_id = :id").param("id", groupId).update();
        if (codeIds.isEmpty()) {
            return;
        }
        jdbc.sql("""
                        insert into completion_code_group_member (group_id, code_id, position)
                        select :group, code_id, position from unnest(cast(:codes as bigint[])) with ordinality as m (code_id, position)""")
                .param("group", groupId).param("codes", codeIds.toArray(Long[]::new)).update();
    }

    private List<CodeGroup> withMembers(List<CodeGroup> groups) {
        if (groups.isEmpty()) {
            return groups;
        }
        Map<Long, List<CompletionCode>> members = new LinkedHashMap<>();
        groups.forEach(group -> members.put(group.id(), new ArrayList<>()));
        jdbc.sql("select m.group_id, " + COLUMNS + """
                         from completion_code_group_member m join completion_code c on c.id = m.code_id
                        where m.group_id = any(cast(:groups as bigint[])) order by m.group_id, m.position""")
                .param("groups", members.keySet().toArray(Long[]::new))
                .query(rs -> {
                    members.get(rs.getLong(1)).add(codeAt(rs, 1));
                });
        return groups.stream().map(group -> new CodeGroup(group.id(), group.name(), group.description(),
                List.copyOf(members.get(group.id())))).toList();
    }

    private static final String ORDER_OF_CATEGORIES = "array_position(array['ANSWERED', 'NO_ANSWER', 'BUSY', 'REJECTED',"
            + " 'ABANDONED', 'MACHINE', 'FAILED']::varchar[], c.category)";

    private static Map<String, Object> values(CompletionCode code) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("code", code.code());
        values.put("name", code.name());
        values.put("description", code.description());
        values.put("kind", code.kind().name());
        values.put("category", code.category().name());
        values.put("resolution", code.resolution().name());
        values.put("delay", code.retryDelaySeconds());
        values.put("max", code.maxAttempts());
        values.put("active", code.active());
        return values;
    }

    private static CompletionCode codeRow(ResultSet rs, int n) throws SQLException {
        return codeAt(rs, 0);
    }

    /** The code in the columns after {@code offset} columns of something else. */
    private static CompletionCode codeAt(ResultSet rs, int offset) throws SQLException {
        return new CompletionCode(rs.getLong(offset + 1), rs.getString(offset + 2), rs.getString(offset + 3),
                rs.getString(offset + 4), CodeKind.valueOf(rs.getString(offset + 5)),
                OutcomeCategory.valueOf(rs.getString(offset + 6)), CodeResolution.valueOf(rs.getString(offset + 7)),
                (Integer) rs.getObject(offset + 8), (Integer) rs.getObject(offset + 9), rs.getBoolean(offset + 10));
    }
}
