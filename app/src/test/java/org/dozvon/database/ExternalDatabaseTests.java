package org.dozvon.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.dozvon.TestApplications;
import org.dozvon.TestDataDirectories;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * With DOZVON_DB_URL, Dozvon uses that server and starts none of its own; on an empty database
 * Flyway creates Dozvon's schema (Spring Batch's and Modulith's tables included) and Camunda its own,
 * all in the one database. A second PostgreSQL, started here, plays the external server.
 */
class ExternalDatabaseTests {

    @Test
    void externalDatabaseIsUsedAndMigratedFromEmpty() throws Exception {
        Path unusedDataDir = TestDataDirectories.fresh("not-used");
        try (EmbeddedPostgres external = EmbeddedPostgres.builder().start()) {
            String url = external.getJdbcUrl("postgres", "postgres");
            JdbcClient externalDb = JdbcClient.create(external.getPostgresDatabase());
            assertThat(tables(externalDb)).as("the external database starts empty").isEmpty();

            try (ConfigurableApplicationContext app = TestApplications.start(unusedDataDir,
                    "DOZVON_DB_URL=" + url, "DOZVON_DB_USER=postgres", "DOZVON_DB_PASSWORD=")) {
                DatabaseInfo info = app.getBean(DatabaseInfo.class);
                assertThat(info.embedded()).isFalse();
                assertThat(info.url()).isEqualTo(url);
                assertThat(app.getBeanNamesForType(EmbeddedPostgresServer.class)).isEmpty();
                assertThat(unusedDataDir).doesNotExist();

                assertThat(externalDb.sql("select version || ':' || success from flyway_schema_history"
                                + " where version is not null order by installed_rank").query(String.class).list())
                        .as("every migration of migrations/ applied, in order")
                        .containsExactlyElementsOf(migrationVersions().stream().map(v -> v + ":true").toList());
                assertThat(tables(externalDb)).contains(
                        "access_user", "access_role", "access_role_permission", "access_user_role",
                        "batch_job_instance", "batch_job_execution", "batch_step_execution",
                        "event_publication",
                        "act_re_procdef", "act_ru_execution", "act_ru_job", "act_id_user");
                assertThat(externalDb.sql("select count(*) from access_user where username = 'admin'")
                        .query(Integer.class).single()).isEqualTo(1);
            }
        }
    }

    @Test
    void passwordsNeverShowInTheReportedUrl() {
        DatabaseInfo info = new DatabaseInfo(false,
                "jdbc:postgresql://db:5432/dozvon?user=dozvon&password=s3cret&ssl=true", null);

        assertThat(info.url()).isEqualTo("jdbc:postgresql://db:5432/dozvon?user=dozvon&password=***&ssl=true");
    }

    private static List<String> migrationVersions() throws java.io.IOException {
        try (var files = java.nio.file.Files.list(Path.of("..", "migrations"))) {
            return files.map(file -> file.getFileName().toString())
                    .filter(name -> name.matches("V\\d+__.+\\.sql"))
                    .map(name -> name.substring(1, name.indexOf("__")))
                    .sorted()
                    .toList();
        }
    }

    private static List<String> tables(JdbcClient db) {
        return db.sql("select table_name from information_schema.tables where table_schema = 'public'")
                .query(String.class).list();
    }
}
