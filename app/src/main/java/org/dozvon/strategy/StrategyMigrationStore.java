package org.dozvon.strategy;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** {@code strategy_migration}: the migrations people asked for, kept after Camunda has forgotten their batch. */
@Repository
class StrategyMigrationStore {

    private static final String COLUMNS = """
            id, batch_id, process_key, from_definition_id, from_version, to_definition_id, to_version, instances,
            left_behind, requested_by, requested_at""";

    private final JdbcClient jdbc;

    StrategyMigrationStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long add(Row row) {
        return jdbc.sql("""
                        insert into strategy_migration (batch_id, process_key, from_definition_id, from_version,
                            to_definition_id, to_version, instances, left_behind, requested_by, requested_at)
                        values (:batch, :key, :fromId, :from, :toId, :to, :instances, :left, :by, :at) returning id""")
                .param("batch", row.batchId()).param("key", row.processKey()).param("fromId", row.fromDefinitionId())
                .param("from", row.fromVersion()).param("toId", row.toDefinitionId()).param("to", row.toVersion())
                .param("instances", row.instances()).param("left", row.leftBehind()).param("by", row.requestedBy())
                .param("at", Timestamp.from(row.requestedAt()))
                .query(Long.class).single();
    }

    Optional<Row> find(long id) {
        return jdbc.sql("select " + COLUMNS + " from strategy_migration where id = :id").param("id", id)
                .query(StrategyMigrationStore::row).optional();
    }

    /** The newest first; of one strategy when {@code processKey} is given. */
    List<Row> recent(String processKey, int offset, int limit) {
        return jdbc.sql("select " + COLUMNS + " from strategy_migration where (cast(:key as text) is null or process_key = :key)"
                        + " order by id desc offset :offset limit :limit")
                .param("key", processKey).param("offset", offset).param("limit", limit)
                .query(StrategyMigrationStore::row).list();
    }

    /** Migrations newest first before id {@code before} (null: from the newest), of one strategy (null: any). */
    List<Row> before(String processKey, Long before, int limit) {
        return jdbc.sql("select " + COLUMNS + " from strategy_migration where (cast(:key as text) is null or process_key = :key)"
                        + " and id < :before order by id desc limit :limit")
                .param("key", processKey).param("before", before == null ? Long.MAX_VALUE : before).param("limit", limit)
                .query(StrategyMigrationStore::row).list();
    }

    long count(String processKey) {
        return jdbc.sql("select count(*) from strategy_migration where (cast(:key as text) is null or process_key = :key)")
                .param("key", processKey).query(Long.class).single();
    }

    private static Row row(ResultSet rs, int n) throws SQLException {
        return new Row(rs.getLong("id"), rs.getString("batch_id"), rs.getString("process_key"),
                rs.getString("from_definition_id"), rs.getInt("from_version"), rs.getString("to_definition_id"),
                rs.getInt("to_version"), rs.getInt("instances"), rs.getInt("left_behind"), rs.getString("requested_by"),
                rs.getTimestamp("requested_at").toInstant());
    }

    record Row(Long id, String batchId, String processKey, String fromDefinitionId, int fromVersion,
               String toDefinitionId, int toVersion, int instances, int leftBehind, String requestedBy,
               Instant requestedAt) {
    }
}
