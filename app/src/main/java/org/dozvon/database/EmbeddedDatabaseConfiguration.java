package org.dozvon.database;

import com.zaxxer.hikari.HikariDataSource;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * With no {@code spring.datasource.url} (nor {@code DOZVON_DB_URL}), Dozvon runs its own PostgreSQL;
 * otherwise Spring Boot's ordinary data source auto-configuration connects to the external server.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(EmbeddedDatabaseConfiguration.NoExternalDatabase.class)
class EmbeddedDatabaseConfiguration {

    @Bean(destroyMethod = "close")
    EmbeddedPostgresServer embeddedPostgresServer(DatabaseProperties properties) {
        return EmbeddedPostgresServer.start(properties.dataDir(), properties.embeddedPort());
    }

    @Bean
    @ConfigurationProperties("spring.datasource.hikari")
    HikariDataSource dataSource(EmbeddedPostgresServer server) {
        return DataSourceBuilder.create()
                .type(HikariDataSource.class)
                .driverClassName("org.postgresql.Driver")
                .url(server.jdbcUrl())
                .username(EmbeddedPostgresServer.USER)
                .build();
    }

    static class NoExternalDatabase extends SpringBootCondition {
        @Override
        public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
            String url = context.getEnvironment().getProperty("spring.datasource.url");
            return StringUtils.hasText(url)
                    ? ConditionOutcome.noMatch("an external database is configured (spring.datasource.url)")
                    : ConditionOutcome.match("no spring.datasource.url: Dozvon runs its embedded PostgreSQL");
        }
    }
}
