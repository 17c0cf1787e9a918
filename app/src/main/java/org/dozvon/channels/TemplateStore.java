package org.dozvon.channels;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code notification_template} table. */
@Repository
class TemplateStore {

    private static final String COLUMNS = """
            id, code, name, description, channel, subject, body, web_method, web_url, web_headers, created_at, updated_at""";

    private final JdbcClient jdbc;

    TemplateStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<NotificationTemplate> all(Channel channel) {
        return jdbc.sql("select " + COLUMNS + " from notification_template"
                        + " where cast(:channel as varchar) is null or channel = :channel order by lower(name), id")
                .param("channel", channel == null ? null : channel.name())
                .query(TemplateStore::template).list();
    }

    Optional<NotificationTemplate> find(long id) {
        return jdbc.sql("select " + COLUMNS + " from notification_template where id = :id").param("id", id)
                .query(TemplateStore::template).optional();
    }

    Optional<NotificationTemplate> findByCode(String code) {
        return jdbc.sql("select " + COLUMNS + " from notification_template where code = :code").param("code", code)
                .query(TemplateStore::template).optional();
    }

    long insert(NotificationTemplate t, Instant now) {
        return jdbc.sql("""
                        insert into notification_template (code, name, description, channel, subject, body, web_method,
                                                           web_url, web_headers, created_at, updated_at)
                        values (:code, :name, :description, :channel, :subject, :body, :method, :url, :headers, :now, :now)
                        returning id""")
                .param("code", t.code()).param("name", t.name()).param("description", t.description())
                .param("channel", t.channel().name()).param("subject", t.subject()).param("body", t.body())
                .param("method", t.webMethod()).param("url", t.webUrl()).param("headers", t.webHeaders())
                .param("now", Timestamp.from(now))
                .query(Long.class).single();
    }

    void update(NotificationTemplate t, Instant now) {
        jdbc.sql("""
                        update notification_template set name = :name, description = :description, subject = :subject,
                               body = :body, web_method = :method, web_url = :url, web_headers = :headers,
                               updated_at = :now, version = version + 1
                        where id = :id""")
                .param("name", t.name()).param("description", t.description()).param("subject", t.subject())
                .param("body", t.body()).param("method", t.webMethod()).param("url", t.webUrl())
                .param("headers", t.webHeaders()).param("now", Timestamp.from(now)).param("id", t.id())
                .update();
    }

    boolean delete(long id) {
        return jdbc.sql("delete from notification_template where id = :id").param("id", id).update() > 0;
    }

    private static NotificationTemplate template(ResultSet rs, int row) throws SQLException {
        return new NotificationTemplate(rs.getLong("id"), rs.getString("code"), rs.getString("name"),
                rs.getString("description"), Channel.valueOf(rs.getString("channel")), rs.getString("subject"),
                rs.getString("body"), rs.getString("web_method"), rs.getString("web_url"), rs.getString("web_headers"),
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
    }
}
