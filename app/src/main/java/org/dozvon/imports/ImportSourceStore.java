package org.dozvon.imports;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Scheduled sources and the files they have handled. */
@Repository
class ImportSourceStore {

    private static final String COLUMNS = """
            s.id, s.name, s.list_id, l.name, s.kind, s.enabled, s.cron, s.settings::text, s.mapping::text,
            s.clear_first, s.update_existing, s.host_key, s.next_run_at, s.last_run_at, s.last_message""";

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    ImportSourceStore(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    List<ImportSource> all() {
        return jdbc.sql("select " + COLUMNS + " from import_source s join contact_list l on l.id = s.list_id order by lower(s.name)")
                .query(this::source).list();
    }

    Optional<ImportSource> find(long id) {
        return jdbc.sql("select " + COLUMNS + " from import_source s join contact_list l on l.id = s.list_id where s.id = :id")
                .param("id", id).query(this::source).optional();
    }

    boolean nameTaken(String name, Long exceptId) {
        return jdbc.sql("select count(*) from import_source where lower(name) = lower(:name) and id <> :id")
                .param("name", name).param("id", exceptId == null ? -1L : exceptId).query(Long.class).single() > 0;
    }

    long create(ImportSource s, Instant now) {
        return jdbc.sql("""
                        insert into import_source (name, list_id, kind, enabled, cron, settings, mapping, clear_first,
                                                   update_existing, next_run_at, created_at, updated_at)
                        values (:name, :list, :kind, :enabled, :cron, cast(:settings as jsonb), cast(:mapping as jsonb),
                                :clear, :update, :next, :now, :now)
                        returning id""")
                .param("name", s.name()).param("list", s.listId()).param("kind", s.kind().name())
                .param("enabled", s.enabled()).param("cron", s.cron()).param("settings", toJson(s.settings()))
                .param("mapping", toJson(s.mapping())).param("clear", s.clearFirst()).param("update", s.updateExisting())
                .param("next", timestamp(s.nextRunAt())).param("now", Timestamp.from(now))
                .query(Long.class).single();
    }

    void update(ImportSource s, Instant now) {
        jdbc.sql("""
                        update import_source set name = :name, list_id = :list, enabled = :enabled, cron = :cron,
                               settings = cast(:settings as jsonb), mapping = cast(:mapping as jsonb), clear_first = :clear,
                               update_existing = :update, host_key = :hostKey, next_run_at = :next, updated_at = :now
                        where id = :id""")
                .param("name", s.name()).param("list", s.listId()).param("enabled", s.enabled()).param("cron", s.cron())
                .param("settings", toJson(s.settings())).param("mapping", toJson(s.mapping()))
                .param("clear", s.clearFirst()).param("update", s.updateExisting()).param("hostKey", s.hostKey())
                .param("next", timestamp(s.nextRunAt())).param("now", Timestamp.from(now)).param("id", s.id())
                .update();
    }

    void enable(long id, boolean enabled, Instant nextRunAt, Instant now) {
        jdbc.sql("update import_source set enabled = :enabled, next_run_at = :next, updated_at = :now where id = :id")
                .param("enabled", enabled).param("next", timestamp(nextRunAt)).param("now", Timestamp.from(now))
                .param("id", id).update();
    }

    void delete(long id) {
        jdbc.sql("delete from import_source where id = :id").param("id", id).update();
    }

    /**
     * Locks the enabled sources due at {@code now}, skipping those another poller holds; call inside a
     * transaction, and move their next run on before it commits.
     */
    List<ImportSource> lockDue(Instant now, int max) {
        return jdbc.sql("select " + COLUMNS + " from import_source s join contact_list l on l.id = s.list_id"
                        + " where s.enabled and s.next_run_at <= :now order by s.next_run_at limit :max for update of s skip locked")
                .param("now", Timestamp.from(now)).param("max", max).query(this::source).list();
    }

    void scheduled(long id, Instant nextRunAt) {
        jdbc.sql("update import_source set next_run_at = :next where id = :id")
                .param("next", timestamp(nextRunAt)).param("id", id).update();
    }

    void ran(long id, String message, Instant now) {
        jdbc.sql("update import_source set last_run_at = :now, last_message = :message where id = :id")
                .param("now", Timestamp.from(now)).param("message", cut(message)).param("id", id).update();
    }

    void rememberHostKey(long id, String fingerprint) {
        jdbc.sql("update import_source set host_key = :key where id = :id").param("key", fingerprint).param("id", id).update();
    }

    boolean handled(long sourceId, String name, long size, Instant modifiedAt) {
        return jdbc.sql("select count(*) from import_source_file where source_id = :id and name = :name and size = :size"
                        + " and modified_at = :modified")
                .param("id", sourceId).param("name", name).param("size", size).param("modified", Timestamp.from(modifiedAt))
                .query(Long.class).single() > 0;
    }

    void handle(long sourceId, String name, long size, Instant modifiedAt, boolean imported, Instant now) {
        jdbc.sql("""
                        insert into import_source_file (source_id, name, size, modified_at, outcome, handled_at)
                        values (:id, :name, :size, :modified, :outcome, :now) on conflict do nothing""")
                .param("id", sourceId).param("name", name).param("size", size).param("modified", Timestamp.from(modifiedAt))
                .param("outcome", imported ? "IMPORTED" : "REFUSED").param("now", Timestamp.from(now)).update();
    }

    void linkRun(long runId, long sourceId) {
        jdbc.sql("update import_run set source_id = :source where id = :id").param("source", sourceId).param("id", runId).update();
    }

    private ImportSource source(ResultSet rs, int n) throws SQLException {
        ImportSource.Kind kind = ImportSource.Kind.valueOf(rs.getString(5));
        try {
            return new ImportSource(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4), kind, rs.getBoolean(6),
                    rs.getString(7), json.readValue(rs.getString(8), kind.settingsType),
                    json.readValue(rs.getString(9), new TypeReference<LinkedHashMap<String, String>>() {
                    }), rs.getBoolean(10), rs.getBoolean(11), rs.getString(12), instant(rs.getTimestamp(13)),
                    instant(rs.getTimestamp(14)), rs.getString(15));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Source " + rs.getLong(1) + " has unreadable settings", e);
        }
    }

    private String toJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    private static String cut(String text) {
        return text == null || text.length() <= 4000 ? text : text.substring(0, 3997) + "...";
    }

}
