package org.dozvon.database;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class DatabaseInfoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(DatabaseInfoConfiguration.class);

    @Bean
    DatabaseInfo databaseInfo(DataSource dataSource, ObjectProvider<EmbeddedPostgresServer> embedded) {
        EmbeddedPostgresServer server = embedded.getIfAvailable();
        String url = dataSource instanceof HikariDataSource hikari ? hikari.getJdbcUrl() : dataSource.toString();
        DatabaseInfo info = new DatabaseInfo(server != null, url, server == null ? null : server.pgData());
        if (info.embedded()) {
            log.info("Database: embedded PostgreSQL at {} (data in {})", info.url(), info.dataDir());
        } else {
            log.info("Database: external PostgreSQL at {}", info.url());
        }
        return info;
    }
}
