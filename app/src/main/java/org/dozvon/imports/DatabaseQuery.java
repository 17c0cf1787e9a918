package org.dozvon.imports;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reads an external PostgreSQL database for a DATABASE source: one SELECT, in a read-only transaction,
 * streamed (with a fetch size) into a CSV whose header is the query's column names.
 */
@Component
class DatabaseQuery {

    private final JdbcClient own;

    DatabaseQuery(JdbcClient own) {
        this.own = own;
    }

    private static final int FETCH_SIZE = 1000;
    private static final String STARTED = "select pg_postmaster_start_time()";
    private static final int TIMEOUT_SECONDS = 10;

    /** The first rows of the query, for the "test query" button. */
    record Preview(List<String> columns, List<List<String>> rows) {
    }

    /** Null when the URL and query are acceptable, else the message key of the problem. */
    static String urlProblem(String jdbcUrl) {
        return jdbcUrl != null && jdbcUrl.startsWith("jdbc:postgresql:") ? null : "sources.db.urlNotPostgres";
    }

    /** Null when the query is a single SELECT, else the message key of the problem. */
    static String queryProblem(String query) {
        String sql = strip(query);
        if (sql.isEmpty()) {
            return "sources.db.queryRequired";
        }
        if (sql.contains(";")) {
            return "sources.db.oneStatement";
        }
        if (!sql.toLowerCase(Locale.ROOT).matches("(?s)select\\b.*")) {
            return "sources.db.selectOnly";
        }
        return null;
    }

    /** Without comments-free trailing semicolons and blanks; the text of the statement to run. */
    static String strip(String query) {
        String sql = query == null ? "" : query.strip();
        while (sql.endsWith(";")) {
            sql = sql.substring(0, sql.length() - 1).strip();
        }
        return sql;
    }

    Preview preview(SourceSettings.Database settings, int limit) throws SQLException {
        check(settings);
        try (Connection connection = connect(settings);
             PreparedStatement statement = connection.prepareStatement(
                     "select * from (" + strip(settings.query()) + "\n) as preview limit " + limit)) {
            statement.setQueryTimeout(TIMEOUT_SECONDS);
            try (ResultSet rs = statement.executeQuery()) {
                List<String> columns = columns(rs.getMetaData());
                List<List<String>> rows = new ArrayList<>();
                while (rs.next()) {
                    rows.add(row(rs, columns.size()));
                }
                return new Preview(columns, rows);
            } finally {
                connection.rollback();
            }
        }
    }

    /** Writes the whole result to {@code target} (UTF-8, ';'); returns the number of rows. */
    long export(SourceSettings.Database settings, Path target) throws IOException {
        check(settings);
        try (Connection connection = connect(settings);
             PreparedStatement statement = connection.prepareStatement(strip(settings.query()))) {
            statement.setFetchSize(FETCH_SIZE);
            long count = 0;
            try (ResultSet rs = statement.executeQuery();
                 BufferedWriter writer = Files.newBufferedWriter(target, StandardCharsets.UTF_8);
                 CSVPrinter csv = new CSVPrinter(writer, CSVFormat.DEFAULT.builder().setDelimiter(';').get())) {
                List<String> columns = columns(rs.getMetaData());
                csv.printRecord(columns);
                while (rs.next()) {
                    csv.printRecord(row(rs, columns.size()));
                    count++;
                }
            } finally {
                connection.rollback();
            }
            return count;
        } catch (SQLException e) {
            throw new IOException("the database said: " + e.getMessage(), e);
        }
    }

    private static void check(SourceSettings.Database settings) {
        String problem = urlProblem(settings.jdbcUrl()) != null ? "the JDBC URL must start with jdbc:postgresql:"
                : queryProblem(settings.query()) != null ? "the query must be a single SELECT" : null;
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
    }

    private Connection connect(SourceSettings.Database settings) throws SQLException {
        Properties properties = new Properties();
        if (settings.username() != null) {
            properties.setProperty("user", settings.username());
        }
        if (settings.password() != null) {
            properties.setProperty("password", settings.password());
        }
        properties.setProperty("connectTimeout", String.valueOf(TIMEOUT_SECONDS));
        properties.setProperty("ApplicationName", "Dozvon import source");
        Connection connection = DriverManager.getConnection(settings.jdbcUrl(), properties);
        // a cursor (fetch size) needs a transaction; read-only is the database's own guard against writes
        connection.setAutoCommit(false);
        connection.setReadOnly(true);
        try {
            refuseOwnDatabase(connection);
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
        return connection;
    }

    /**
     * A source must not read Dozvon's own database (users, password hashes): the same server, whatever
     * address names it, is told by its start time, which every user may read.
     */
    private void refuseOwnDatabase(Connection connection) throws SQLException {
        Timestamp theirs;
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(STARTED)) {
            rs.next();
            theirs = rs.getTimestamp(1);
        }
        connection.rollback();
        if (theirs != null && theirs.equals(own.sql(STARTED).query(Timestamp.class).single())) {
            throw new SQLException("this is Dozvon's own database server: a source may not read it");
        }
    }

    private static List<String> columns(ResultSetMetaData meta) throws SQLException {
        List<String> columns = new ArrayList<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            columns.add(meta.getColumnLabel(i));
        }
        return columns;
    }

    private static List<String> row(ResultSet rs, int columns) throws SQLException {
        List<String> row = new ArrayList<>(columns);
        for (int i = 1; i <= columns; i++) {
            String value = rs.getString(i);
            row.add(value == null ? "" : value);
        }
        return row;
    }
}
