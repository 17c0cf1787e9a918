package org.dozvon.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;

import org.dozvon.TestDataDirectories;
import org.junit.jupiter.api.Test;

/** The embedded server on its own, without the application around it. */
class EmbeddedPostgresServerTests {

    @Test
    void dataSurvivesAStopAndAStart() throws Exception {
        Path dataDir = TestDataDirectories.fresh("embedded-restart");

        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDir, 0)) {
            execute(server, "create table kept (v text)", "insert into kept values ('still here')");
        }
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDir, 0)) {
            assertThat(query(server, "select v from kept")).containsExactly("still here");
        }
    }

    @Test
    void serverLeftRunningByAKilledDozvonIsStoppedAndItsDataKept() throws Exception {
        Path dataDir = TestDataDirectories.fresh("embedded-orphan");
        Process doomed = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), DoomedDozvon.class.getName(), dataDir.toString())
                .redirectErrorStream(true).start();
        try (var output = new java.io.BufferedReader(new java.io.InputStreamReader(doomed.getInputStream()))) {
            String line;
            while ((line = output.readLine()) != null && !line.equals(DoomedDozvon.READY)) {
                // the child's log, until it has committed its row
            }
            assertThat(line).as("the child JVM started its server").isEqualTo(DoomedDozvon.READY);
            long orphanPid = Long.parseLong(Files.readAllLines(dataDir.resolve("postgres/postmaster.pid")).get(0).strip());

            doomed.destroyForcibly().waitFor(); // SIGKILL: no shutdown hook, no cleanup
            assertThat(ProcessHandle.of(orphanPid).map(ProcessHandle::isAlive)).as("PostgreSQL outlived its JVM")
                    .contains(true);

            try (EmbeddedPostgresServer restarted = EmbeddedPostgresServer.start(dataDir, 0)) {
                assertThat(ProcessHandle.of(orphanPid).map(ProcessHandle::isAlive)).isNotEqualTo(Optional.of(true));
                assertThat(query(restarted, "select v from kept")).containsExactly("committed before the kill");
            }
        } finally {
            doomed.destroyForcibly();
        }
    }

    /** Run in a child JVM: starts the server, commits a row, then waits to be killed. */
    static final class DoomedDozvon {
        static final String READY = "READY-TO-BE-KILLED";

        public static void main(String[] args) throws Exception {
            EmbeddedPostgresServer server = EmbeddedPostgresServer.start(Path.of(args[0]), 0);
            execute(server, "create table kept (v text)", "insert into kept values ('committed before the kill')");
            System.out.println(READY);
            System.out.flush();
            Thread.sleep(Long.MAX_VALUE);
        }
    }

    private static void execute(EmbeddedPostgresServer server, String... statements) throws SQLException {
        try (Connection connection = DriverManager.getConnection(server.jdbcUrl());
             Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    private static List<String> query(EmbeddedPostgresServer server, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(server.jdbcUrl());
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            var values = new java.util.ArrayList<String>();
            while (rows.next()) {
                values.add(rows.getString(1));
            }
            return values;
        }
    }
}
