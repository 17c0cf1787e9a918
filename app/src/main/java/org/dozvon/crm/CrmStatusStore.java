package org.dozvon.crm;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.dozvon.strategy.FinalStatus;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Table {@code crm_status_mapping}. */
@Repository
class CrmStatusStore {

    private static final String COLUMNS = "id, code, name, action, postpone_minutes, final_status, created_at, updated_at";

    private final JdbcClient jdbc;

    CrmStatusStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<CrmStatus> all() {
        return jdbc.sql("select " + COLUMNS + " from crm_status_mapping order by lower(code)")
                .query(CrmStatusStore::status).list();
    }

    Optional<CrmStatus> find(long id) {
        return jdbc.sql("select " + COLUMNS + " from crm_status_mapping where id = :id").param("id", id)
                .query(CrmStatusStore::status).optional();
    }

    Optional<CrmStatus> byCode(String code) {
        return jdbc.sql("select " + COLUMNS + " from crm_status_mapping where lower(code) = lower(:code)")
                .param("code", code).query(CrmStatusStore::status).optional();
    }

    long insert(String code, String name, CrmAction action, Integer postponeMinutes, FinalStatus finalStatus, Instant now) {
        return jdbc.sql("""
                        insert into crm_status_mapping (code, name, action, postpone_minutes, final_status, created_at, updated_at)
                        values (:code, :name, :action, :minutes, :final, :now, :now) returning id""")
                .param("code", code).param("name", name).param("action", action.name()).param("minutes", postponeMinutes)
                .param("final", finalStatus == null ? null : finalStatus.name()).param("now", Timestamp.from(now))
                .query(Long.class).single();
    }

    boolean update(long id, String code, String name, CrmAction action, Integer postponeMinutes, FinalStatus finalStatus,
                   Instant now) {
        return jdbc.sql("""
                        update crm_status_mapping set code = :code, name = :name, action = :action,
                               postpone_minutes = :minutes, final_status = :final, updated_at = :now
                        where id = :id""")
                .param("code", code).param("name", name).param("action", action.name()).param("minutes", postponeMinutes)
                .param("final", finalStatus == null ? null : finalStatus.name()).param("now", Timestamp.from(now))
                .param("id", id).update() == 1;
    }

    boolean delete(long id) {
        return jdbc.sql("delete from crm_status_mapping where id = :id").param("id", id).update() == 1;
    }

    private static CrmStatus status(ResultSet rs, int row) throws SQLException {
        String finalStatus = rs.getString(6);
        return new CrmStatus(rs.getLong(1), rs.getString(2), rs.getString(3), CrmAction.valueOf(rs.getString(4)),
                (Integer) rs.getObject(5), finalStatus == null ? null : FinalStatus.valueOf(finalStatus),
                rs.getTimestamp(7).toInstant(), rs.getTimestamp(8).toInstant());
    }
}
