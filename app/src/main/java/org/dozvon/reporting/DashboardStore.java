package org.dozvon.reporting;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Tables {@code dashboard} and {@code dashboard_widget}. Every read and write names the owner: a dashboard or a
 * widget of another user is not found.
 */
@Repository
class DashboardStore {

    private static final String DASHBOARD = "id, owner, name, description, on_home, position";
    private static final String WIDGET = "w.id, w.dashboard_id, w.kind, w.title, w.settings, w.position, w.width";

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    DashboardStore(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Serialises the owner's changes to its dashboards (the first visit's default, the one "home" dashboard). */
    void lockOwner(String owner) {
        jdbc.sql("select pg_advisory_xact_lock(hashtext('dashboard:' || lower(:owner)))").param("owner", owner)
                .query(rs -> {
                });
    }

    List<Dashboard> dashboards(String owner) {
        return jdbc.sql("select " + DASHBOARD + " from dashboard where lower(owner) = lower(:owner) order by position, id")
                .param("owner", owner).query(DashboardStore::dashboard).list();
    }

    Optional<Dashboard> dashboard(String owner, long id) {
        return jdbc.sql("select " + DASHBOARD + " from dashboard where id = :id and lower(owner) = lower(:owner)")
                .param("id", id).param("owner", owner).query(DashboardStore::dashboard).optional();
    }

    boolean nameTaken(String owner, String name, Long except) {
        return jdbc.sql("""
                        select exists (select 1 from dashboard where lower(owner) = lower(:owner)
                                       and lower(name) = lower(:name) and (cast(:except as bigint) is null or id <> :except))""")
                .param("owner", owner).param("name", name).param("except", except).query(Boolean.class).single();
    }

    long insert(String owner, String name, String description) {
        return jdbc.sql("""
                        insert into dashboard (owner, name, description, position)
                        values (:owner, :name, :description,
                                (select coalesce(max(position), 0) + 1 from dashboard where lower(owner) = lower(:owner)))
                        returning id""")
                .param("owner", owner).param("name", name).param("description", description)
                .query(Long.class).single();
    }

    boolean update(String owner, long id, String name, String description) {
        return jdbc.sql("""
                        update dashboard set name = :name, description = :description, updated_at = now()
                        where id = :id and lower(owner) = lower(:owner)""")
                .param("name", name).param("description", description).param("id", id).param("owner", owner)
                .update() == 1;
    }

    /** Makes the dashboard the owner's home one (and no other), or none when {@code id} is null. */
    void home(String owner, Long id) {
        jdbc.sql("update dashboard set on_home = false where lower(owner) = lower(:owner) and on_home"
                        + " and (cast(:id as bigint) is null or id <> :id)")
                .param("owner", owner).param("id", id).update();
        if (id != null) {
            jdbc.sql("update dashboard set on_home = true where id = :id and lower(owner) = lower(:owner)")
                    .param("id", id).param("owner", owner).update();
        }
    }

    boolean delete(String owner, long id) {
        return jdbc.sql("delete from dashboard where id = :id and lower(owner) = lower(:owner)")
                .param("id", id).param("owner", owner).update() == 1;
    }

    List<Widget> widgets(long dashboardId) {
        return jdbc.sql("select " + WIDGET + " from dashboard_widget w where w.dashboard_id = :dashboard"
                        + " order by w.position, w.id")
                .param("dashboard", dashboardId).query(this::widget).list();
    }

    int widgetCount(long dashboardId) {
        return jdbc.sql("select count(*) from dashboard_widget where dashboard_id = :dashboard")
                .param("dashboard", dashboardId).query(Integer.class).single();
    }

    /** The widget, when it is on a dashboard of the owner. */
    Optional<Widget> widget(String owner, long id) {
        return jdbc.sql("select " + WIDGET + " from dashboard_widget w join dashboard d on d.id = w.dashboard_id"
                        + " where w.id = :id and lower(d.owner) = lower(:owner)")
                .param("id", id).param("owner", owner).query(this::widget).optional();
    }

    long insertWidget(long dashboardId, WidgetKind kind, String title, WidgetSettings settings, int width) {
        return jdbc.sql("""
                        insert into dashboard_widget (dashboard_id, kind, title, settings, position, width)
                        values (:dashboard, :kind, :title, cast(:settings as jsonb),
                                (select coalesce(max(position), 0) + 1 from dashboard_widget where dashboard_id = :dashboard),
                                :width)
                        returning id""")
                .param("dashboard", dashboardId).param("kind", kind.name()).param("title", title)
                .param("settings", write(settings)).param("width", width).query(Long.class).single();
    }

    void updateWidget(long id, String title, WidgetSettings settings, int width) {
        jdbc.sql("update dashboard_widget set title = :title, settings = cast(:settings as jsonb), width = :width"
                        + " where id = :id")
                .param("title", title).param("settings", write(settings)).param("width", width).param("id", id).update();
    }

    void deleteWidget(long id) {
        jdbc.sql("delete from dashboard_widget where id = :id").param("id", id).update();
    }

    /** Gives each of the dashboard's widgets its place in this order (ids of the dashboard's widgets only). */
    void order(long dashboardId, List<Long> widgetIds) {
        jdbc.sql("""
                        update dashboard_widget w set position = o.position
                        from unnest(cast(:ids as bigint[])) with ordinality as o (id, position)
                        where w.id = o.id and w.dashboard_id = :dashboard""")
                .param("ids", widgetIds.toArray(Long[]::new)).param("dashboard", dashboardId).update();
    }

    private static Dashboard dashboard(ResultSet rs, int row) throws SQLException {
        return new Dashboard(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getBoolean(5),
                rs.getInt(6));
    }

    private Widget widget(ResultSet rs, int row) throws SQLException {
        WidgetKind kind = WidgetKind.valueOf(rs.getString(3));
        return new Widget(rs.getLong(1), rs.getLong(2), kind, rs.getString(4), read(rs.getString(5)).completedFor(kind),
                rs.getInt(6), rs.getInt(7));
    }

    private String write(WidgetSettings settings) {
        try {
            return json.writeValueAsString(settings);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A stored settings JSON; unknown members and values are dropped (the kind's defaults fill them in). */
    private WidgetSettings read(String text) {
        try {
            com.fasterxml.jackson.databind.JsonNode node = json.readTree(text == null ? "{}" : text);
            Long campaign = node.hasNonNull("campaignId") && node.get("campaignId").canConvertToLong()
                    ? node.get("campaignId").asLong() : null;
            return new WidgetSettings(campaign, constant(WidgetPeriod.class, node.path("period").asText(null)),
                    constant(ChartType.class, node.path("chart").asText(null)));
        } catch (JsonProcessingException e) {
            return new WidgetSettings(null, null, null);
        }
    }

    private static <E extends Enum<E>> E constant(Class<E> type, String name) {
        try {
            return name == null ? null : Enum.valueOf(type, name);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
