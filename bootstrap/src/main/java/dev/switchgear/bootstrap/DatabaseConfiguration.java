package dev.switchgear.bootstrap;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.switchgear.adapter.persistence.database.EmbeddedDatabase;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * PostgreSQL: an external server when {@code switchgear.db.url} is set, otherwise the embedded one,
 * its data kept in {@code switchgear.data-dir}/postgres. The pool is small on purpose: more
 * connections than cores made PostgreSQL slower on the target machine.
 */
@Configuration(proxyBeanMethods = false)
public class DatabaseConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseConfiguration.class);

    @Bean(destroyMethod = "close")
    @ConditionalOnExpression("'${switchgear.db.url:}'.isEmpty()")
    EmbeddedDatabase embeddedDatabase(SwitchgearProperties properties) {
        var directory = properties.dataDir().resolve("postgres").toAbsolutePath();
        LOG.info("starting the embedded PostgreSQL with its data in {}", directory);
        // stopped by this bean's close(), after the drain and the ledger's last batch (ADR 0028)
        return EmbeddedDatabase.start(directory, properties.db().embeddedDurable(), false);
    }

    @Bean(destroyMethod = "close")
    DataSource dataSource(SwitchgearProperties properties, ObjectProvider<EmbeddedDatabase> embedded) {
        HikariConfig config = new HikariConfig();
        EmbeddedDatabase database = embedded.getIfAvailable();
        if (database != null) {
            config.setJdbcUrl(database.jdbcUrl());
            config.setUsername(database.user());
        } else {
            config.setJdbcUrl(properties.db().url());
            config.setUsername(properties.db().user());
            config.setPassword(properties.db().password());
        }
        config.setMaximumPoolSize(properties.db().poolSize());
        config.setPoolName("switchgear");
        return new HikariDataSource(config);
    }
}
