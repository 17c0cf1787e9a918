package org.dozvon.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.dozvon.ApplicationTestBase;
import org.dozvon.PortalClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A second PostgreSQL plays the customer's database that a DATABASE source reads. */
class DatabaseSourceTests extends ApplicationTestBase {

    private static final String YEARLY = "0 0 3 1 1 *";
    private static EmbeddedPostgres external;

    @Autowired
    ImportSourceStore sources;
    @Autowired
    ImportSourceScheduler scheduler;
    @Autowired
    DatabaseQuery database;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Clock clock;
    @Autowired
    DataSource dataSource;

    private SourceFixture fixture;

    @BeforeAll
    static void theCustomersDatabase() throws Exception {
        external = EmbeddedPostgres.builder().start();
        try (Connection connection = external.getPostgresDatabase().getConnection(); Statement sql = connection.createStatement()) {
            sql.execute("create table debtor (contract text, full_name text, phone text, debt numeric)");
            sql.execute("insert into debtor values ('DB-1', 'Ivanov Ivan', '+79120000031', 10), ('DB-2', 'Petrova; Maria', '89120000032', 20),"
                    + " ('DB-3', 'Sidorov', '+79120000033', 30)");
        }
    }

    @AfterAll
    static void stop() throws Exception {
        external.close();
    }

    @BeforeEach
    void aList() throws Exception {
        fixture = new SourceFixture(portal());
    }

    @Test
    void aRunImportsTheRowsOfTheQuery() throws Exception {
        long id = source("select contract, full_name as fio, phone from debtor where debt >= 20 order by contract;");

        assertThat(scheduler.runNow(id)).isEqualTo("2 row(s) exported and imported");

        List<Long> runs = fixture.runsOf(jdbc, id);
        assertThat(runs).hasSize(1);
        assertThat(fixture.waitFor(runs.get(0)).get("inserted").asLong()).isEqualTo(2);
        assertThat(jdbc.sql("select source from import_run where id = :id").param("id", runs.get(0)).query(String.class).single())
                .isEqualTo("DATABASE");
        assertThat(fixture.contactCount()).isEqualTo(2);
    }

    @Test
    void testQueryShowsTheFirstRowsOrTheDatabasesError() throws Exception {
        DatabaseQuery.Preview preview = database.preview(settings("select contract, full_name from debtor order by contract"), 2);
        assertThat(preview.columns()).containsExactly("contract", "full_name");
        assertThat(preview.rows()).containsExactly(List.of("DB-1", "Ivanov Ivan"), List.of("DB-2", "Petrova; Maria"));

        assertThatThrownBy(() -> database.preview(settings("select nothing from debtor"), 10))
                .hasMessageContaining("column \"nothing\" does not exist");
    }

    @Test
    void onlyASingleSelectIsAccepted() throws Exception {
        assertThat(DatabaseQuery.queryProblem("delete from debtor")).isEqualTo("sources.db.selectOnly");
        assertThat(DatabaseQuery.queryProblem("select 1; delete from debtor")).isEqualTo("sources.db.oneStatement");
        assertThat(DatabaseQuery.queryProblem("select 1;")).isNull();
        assertThat(DatabaseQuery.urlProblem("jdbc:mysql://x/y")).isEqualTo("sources.db.urlNotPostgres");
        assertThatThrownBy(() -> database.preview(settings("update debtor set debt = 0"), 10))
                .hasMessageContaining("single SELECT");
        // and the read-only transaction stops a SELECT that writes
        long id = source("select * into stolen from debtor");
        assertThat(scheduler.runNow(id)).contains("read-only transaction");
    }

    @Test
    void dozvonsOwnDatabaseIsNotASource() throws Exception {
        String ownUrl;
        String ownUser;
        try (Connection connection = dataSource.getConnection()) {
            ownUrl = connection.getMetaData().getURL();
            ownUser = connection.getMetaData().getUserName();
        }
        assertThatThrownBy(() -> database.preview(new SourceSettings.Database(ownUrl, ownUser, "", "select 1"), 10))
                .hasMessageContaining("Dozvon's own database server");
    }

    @Test
    void thePagesSaveASourceShowMessagesBesideWrongFieldsAndTestTheQuery() throws Exception {
        PortalClient portal = portal();
        portal.login("admin", ADMIN_PASSWORD);
        Map<String, String> form = new LinkedHashMap<>();
        form.put("kind", "DATABASE");
        form.put("name", "");
        form.put("listId", String.valueOf(fixture.listId));
        form.put("cron", "every minute");
        form.put("jdbcUrl", "jdbc:mysql://db/crm");
        form.put("query", "delete from debtor");
        form.put("mapping", "contract=src_id_" + fixture.s + "\nnonsense");

        HttpResponse<String> refused = portal.submit("/imports/sources/new?kind=DATABASE", "/imports/sources", form);

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("Give the source a name.", "Not a cron expression:",
                "Only PostgreSQL is supported", "Only a SELECT may be run.", "Line 2 is not column=field_code: nonsense");

        form.put("jdbcUrl", settings("").jdbcUrl());
        form.put("username", "postgres");
        form.put("query", "select contract, full_name from debtor order by contract");
        HttpResponse<String> tested = portal.submit("/imports/sources/new?kind=DATABASE", "/imports/sources/test-query", form);
        assertThat(tested.statusCode()).isEqualTo(200);
        assertThat(tested.body()).contains("<th>full_name</th>", "<td>Petrova; Maria</td>", "<td>DB-3</td>");

        form.put("name", "CRM " + fixture.s);
        form.put("cron", "0 0 6 * * MON-FRI");
        form.put("mapping", "contract=src_id_" + fixture.s + "\nfull_name=src_name_" + fixture.s);
        HttpResponse<String> saved = portal.submit("/imports/sources/new?kind=DATABASE", "/imports/sources", form);
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(302);
        String list = portal.get("/imports/sources").body();
        assertThat(list).contains("CRM " + fixture.s, "0 0 6 * * MON-FRI");
        ImportSource source = sources.all().stream().filter(x -> x.name().equals("CRM " + fixture.s)).findFirst().orElseThrow();
        assertThat(source.mapping()).containsEntry("full_name", "src_name_" + fixture.s);
        assertThat(portal.get("/imports/sources/" + source.id()).body()).contains("select contract, full_name from debtor")
                .doesNotContain("value=\"postgres\" type=\"password\"");
    }

    private SourceSettings.Database settings(String query) {
        return new SourceSettings.Database(external.getJdbcUrl("postgres", "postgres"), "postgres", "", query);
    }

    private long source(String query) {
        return sources.create(new ImportSource(0, "Database " + fixture.s + " " + System.nanoTime(), fixture.listId, null,
                ImportSource.Kind.DATABASE, true, YEARLY, settings(query), fixture.mapping("contract", "fio", "phone"),
                false, false, null, scheduler.nextRun(YEARLY, clock.instant()), null, null), clock.instant());
    }
}
