package org.dozvon.dialing;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code connector} and {@code connector_settings} tables. */
@Repository
class ConnectorStore {

    private static final String COLUMNS = "id, name, position, capacity, trunk, active";

    private final JdbcClient jdbc;

    ConnectorStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<Connector> all() {
        return jdbc.sql("select " + COLUMNS + " from connector order by position, id").query(ConnectorStore::connector).list();
    }

    Optional<Connector> find(long id) {
        return jdbc.sql("select " + COLUMNS + " from connector where id = :id").param("id", id)
                .query(ConnectorStore::connector).optional();
    }

    long insert(Connector connector) {
        return jdbc.sql("""
                        insert into connector (name, position, capacity, trunk, active)
                        values (:name, :position, :capacity, :trunk, :active) returning id""")
                .param("name", connector.name()).param("position", connector.position())
                .param("capacity", connector.capacity()).param("trunk", connector.trunk())
                .param("active", connector.active()).query(Long.class).single();
    }

    boolean update(Connector connector) {
        return jdbc.sql("""
                        update connector set name = :name, position = :position, capacity = :capacity, trunk = :trunk,
                               active = :active, updated_at = now() where id = :id""")
                .param("name", connector.name()).param("position", connector.position())
                .param("capacity", connector.capacity()).param("trunk", connector.trunk())
                .param("active", connector.active()).param("id", connector.id()).update() == 1;
    }

    boolean delete(long id) {
        return jdbc.sql("delete from connector where id = :id").param("id", id).update() == 1;
    }

    boolean nameTaken(String name, Long exceptId) {
        return jdbc.sql("select count(*) from connector where lower(name) = lower(:name) and id <> :except")
                .param("name", name).param("except", exceptId == null ? -1L : exceptId).query(Long.class).single() > 0;
    }

    ConnectorSelection selection() {
        return ConnectorSelection.valueOf(jdbc.sql("select selection_order from connector_settings where id = 1")
                .query(String.class).single());
    }

    void selection(ConnectorSelection selection) {
        jdbc.sql("update connector_settings set selection_order = :order where id = 1")
                .param("order", selection.name()).update();
    }

    private static Connector connector(ResultSet rs, int row) throws SQLException {
        return new Connector(rs.getLong(1), rs.getString(2), rs.getInt(3), rs.getInt(4), rs.getString(5), rs.getBoolean(6));
    }
}
