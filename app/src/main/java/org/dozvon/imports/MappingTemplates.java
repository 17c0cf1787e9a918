package org.dozvon.imports;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Column-to-field mappings saved under a name, for the next file of the same shape. */
@Repository
class MappingTemplates {

    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final Clock clock;

    MappingTemplates(JdbcClient jdbc, ObjectMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    List<Template> all() {
        return jdbc.sql("select id, name, mapping::text from import_mapping_template order by lower(name)")
                .query((rs, n) -> new Template(rs.getLong(1), rs.getString(2), read(rs.getString(3)))).list();
    }

    Optional<Template> find(long id) {
        return jdbc.sql("select id, name, mapping::text from import_mapping_template where id = :id").param("id", id)
                .query((rs, n) -> new Template(rs.getLong(1), rs.getString(2), read(rs.getString(3)))).optional();
    }

    /** Saves under the name, replacing a template of the same name (ignoring case). */
    void save(String name, Map<String, String> mapping) {
        Timestamp now = Timestamp.from(clock.instant());
        String text = write(mapping);
        int updated = jdbc.sql("update import_mapping_template set mapping = cast(:mapping as jsonb), updated_at = :now"
                        + " where lower(name) = lower(:name)")
                .param("mapping", text).param("now", now).param("name", name).update();
        if (updated == 0) {
            jdbc.sql("insert into import_mapping_template (name, mapping, created_at, updated_at)"
                            + " values (:name, cast(:mapping as jsonb), :now, :now) on conflict do nothing")
                    .param("name", name).param("mapping", text).param("now", now).update();
        }
    }

    private Map<String, String> read(String text) {
        try {
            return json.readValue(text, new TypeReference<LinkedHashMap<String, String>>() {
            });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private String write(Map<String, String> mapping) {
        try {
            return json.writeValueAsString(mapping);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    record Template(long id, String name, Map<String, String> mapping) {
    }
}
