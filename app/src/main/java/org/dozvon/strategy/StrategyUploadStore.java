package org.dozvon.strategy;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** {@code strategy_upload}: who uploaded which deployment, as Camunda does not keep it. */
@Repository
class StrategyUploadStore {

    private final JdbcClient jdbc;

    StrategyUploadStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void add(String deploymentId, String fileNames, String uploadedBy, Instant at) {
        jdbc.sql("insert into strategy_upload (deployment_id, file_names, uploaded_by, uploaded_at) values (:id, :files, :by, :at)")
                .param("id", deploymentId).param("files", fileNames.length() > 2000 ? fileNames.substring(0, 2000) : fileNames)
                .param("by", uploadedBy).param("at", Timestamp.from(at)).update();
    }

    /** Who uploaded each of these deployments (those uploaded through Dozvon). */
    Map<String, String> uploaders(Collection<String> deploymentIds) {
        Map<String, String> uploaders = new HashMap<>();
        if (deploymentIds.isEmpty()) {
            return uploaders;
        }
        jdbc.sql("select deployment_id, uploaded_by from strategy_upload where deployment_id in (:ids)")
                .param("ids", deploymentIds)
                .query((rs, n) -> uploaders.put(rs.getString(1), rs.getString(2))).list();
        return uploaders;
    }
}
