package org.dozvon.imports;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The import journal: runs, their counters and their rejected rows. */
@Repository
class ImportRunStore {

    private static final String COLUMNS = """
            r.id, r.list_id, l.name, r.source, r.file_name, r.stored_file, r.mapping::text, r.clear_first,
            r.update_existing, r.status, r.read_count, r.inserted_count, r.updated_count, r.rejected_count,
            r.estimated_rows, r.message, r.started_by, r.created_at, r.started_at, r.finished_at""";

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    ImportRunStore(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    long create(long listId, ImportRun.Source source, String fileName, Map<String, String> mapping, boolean clearFirst,
                boolean updateExisting, Long estimatedRows, String by, Instant now) {
        return jdbc.sql("""
                        insert into import_run (list_id, source, file_name, mapping, clear_first, update_existing, status,
                                                estimated_rows, started_by, created_at)
                        values (:list, :source, :file, cast(:mapping as jsonb), :clear, :update, 'QUEUED', :estimated, :by, :now)
                        returning id""")
                .param("list", listId).param("source", source.name()).param("file", fileName)
                .param("mapping", toJson(mapping)).param("clear", clearFirst).param("update", updateExisting)
                .param("estimated", estimatedRows).param("by", by).param("now", Timestamp.from(now))
                .query(Long.class).single();
    }

    void storedAt(long id, String storedFile) {
        jdbc.sql("update import_run set stored_file = :file where id = :id").param("file", storedFile).param("id", id).update();
    }

    Optional<ImportRun> find(long id) {
        return jdbc.sql("select " + COLUMNS + " from import_run r join contact_list l on l.id = r.list_id where r.id = :id")
                .param("id", id).query(this::run).optional();
    }

    /** The newest runs first, by keyset on id; optionally of one list. */
    List<ImportRun> recent(Long listId, Long before, int size) {
        return jdbc.sql("select " + COLUMNS + " from import_run r join contact_list l on l.id = r.list_id"
                        + " where (cast(:list as bigint) is null or r.list_id = :list) and r.id < :before order by r.id desc limit :size")
                .param("list", listId).param("before", before == null ? Long.MAX_VALUE : before).param("size", size)
                .query(this::run).list();
    }

    /** Runs newest first before id {@code before} (null: from the newest), into a list, in a status (null: any). */
    List<ImportRun> page(Long listId, ImportRun.Status status, Long before, int size) {
        return jdbc.sql("select " + COLUMNS + " from import_run r join contact_list l on l.id = r.list_id"
                        + " where (cast(:list as bigint) is null or r.list_id = :list)"
                        + " and (cast(:status as varchar) is null or r.status = :status)"
                        + " and r.id < :before order by r.id desc limit :size")
                .param("list", listId).param("status", status == null ? null : status.name())
                .param("before", before == null ? Long.MAX_VALUE : before).param("size", size)
                .query(this::run).list();
    }

    List<ImportRun> unfinished() {
        return jdbc.sql("select " + COLUMNS + " from import_run r join contact_list l on l.id = r.list_id"
                        + " where r.status in ('QUEUED', 'RUNNING') order by r.id")
                .query(this::run).list();
    }

    void running(long id, Instant now) {
        jdbc.sql("update import_run set status = 'RUNNING', started_at = coalesce(started_at, :now), message = null where id = :id")
                .param("now", Timestamp.from(now)).param("id", id).update();
    }

    void requeue(long id, String message) {
        jdbc.sql("update import_run set status = 'QUEUED', message = :message where id = :id")
                .param("message", message).param("id", id).update();
    }

    void finished(long id, ImportRun.Status status, String message, Instant now) {
        jdbc.sql("update import_run set status = :status, message = :message, finished_at = :now where id = :id")
                .param("status", status.name()).param("message", message).param("now", Timestamp.from(now)).param("id", id)
                .update();
    }

    /** Called inside the chunk's transaction: counters move with the contacts they count. */
    void count(long id, long read, long inserted, long updated, long rejected) {
        jdbc.sql("""
                        update import_run set read_count = read_count + :read, inserted_count = inserted_count + :inserted,
                               updated_count = updated_count + :updated, rejected_count = rejected_count + :rejected
                        where id = :id""")
                .param("read", read).param("inserted", inserted).param("updated", updated).param("rejected", rejected)
                .param("id", id).update();
    }

    void reject(long id, List<Rejection> rejections) {
        if (rejections.isEmpty()) {
            return;
        }
        jdbc.sql("""
                        insert into import_rejection (import_id, row_number, column_name, value, reason)
                        select :id, * from unnest(cast(:rows as bigint[]), cast(:columns as varchar[]),
                                                  cast(:values as varchar[]), cast(:reasons as varchar[]))
                        on conflict (import_id, row_number) do nothing""")
                .param("id", id)
                .param("rows", rejections.stream().map(Rejection::row).toArray(Long[]::new))
                .param("columns", rejections.stream().map(Rejection::column).toArray(String[]::new))
                .param("values", rejections.stream().map(r -> cut(r.value(), 1000)).toArray(String[]::new))
                .param("reasons", rejections.stream().map(r -> cut(r.reason(), 2000)).toArray(String[]::new))
                .update();
    }

    /** Rejected rows in row order, after the given row number. */
    List<Rejection> rejections(long id, long afterRow, int size) {
        return jdbc.sql("select row_number, column_name, value, reason from import_rejection"
                        + " where import_id = :id and row_number > :after order by row_number limit :size")
                .param("id", id).param("after", afterRow).param("size", size)
                .query((rs, n) -> new Rejection(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4)))
                .list();
    }

    private ImportRun run(ResultSet rs, int n) throws SQLException {
        return new ImportRun(rs.getLong(1), rs.getLong(2), rs.getString(3), ImportRun.Source.valueOf(rs.getString(4)),
                rs.getString(5), rs.getString(6), fromJson(rs.getString(7)), rs.getBoolean(8), rs.getBoolean(9),
                ImportRun.Status.valueOf(rs.getString(10)), rs.getLong(11), rs.getLong(12), rs.getLong(13), rs.getLong(14),
                (Long) rs.getObject(15), rs.getString(16), rs.getString(17), instant(rs.getTimestamp(18)),
                instant(rs.getTimestamp(19)), instant(rs.getTimestamp(20)));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    private static String cut(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max - 3) + "...";
    }

    private String toJson(Map<String, String> mapping) {
        try {
            return json.writeValueAsString(mapping);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<String, String> fromJson(String text) {
        try {
            return json.readValue(text, new TypeReference<LinkedHashMap<String, String>>() {
            });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A row that was not imported: where (row, column), what (value) and why. */
    record Rejection(long row, String column, String value, String reason) {
    }
}
