package dev.switchgear.bootstrap;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.switchgear.adapter.persistence.database.EmbeddedDatabase;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * PostgreSQL: an external server when {@code switchgear.db.url} is set, otherwise the embedded one,
 * its data kept in {@code switchgear.data-dir}/postgres. The pool is small on purpose: more
 * connections than cores made PostgreSQL slower on the target machine.
 */
@Configuration(proxyBeanMethods = false)
public class DatabaseConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseConfiguration.class);
    private static final String EARLY = "earlyEmbeddedDatabaseStart";

    /**
     * Starts the embedded server as soon as the bean definitions are read (before any bean is made),
     * when no external database is set; the {@code embeddedDatabase} bean then only waits for it.
     */
    @Bean
    static BeanFactoryPostProcessor earlyEmbeddedDatabase(Environment environment) {
        return beanFactory -> {
            // the same binding as SwitchgearProperties', read before that bean exists
            Binder binder = Binder.get(environment);
            SwitchgearProperties.Db db = binder.bindOrCreate("switchgear.db", SwitchgearProperties.Db.class);
            if (db.url() != null && !db.url().isEmpty()) {
                return;
            }
            Path directory = binder.bind("switchgear.data-dir", Path.class).orElse(Path.of("data"))
                    .resolve("postgres").toAbsolutePath();
            LOG.info("starting the embedded PostgreSQL with its data in {}", directory);
            EarlyEmbeddedDatabase early = EarlyEmbeddedDatabase.start(directory, db.embeddedDurable());
            beanFactory.registerSingleton(EARLY, early);
            if (beanFactory instanceof DefaultListableBeanFactory registry) {
                registry.registerDisposableBean(EARLY, early::close);
            }
        };
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnExpression("'${switchgear.db.url:}'.isEmpty()")
    EmbeddedDatabase embeddedDatabase(@Qualifier(EARLY) EarlyEmbeddedDatabase early) {
        // stopped by this bean's close(), after the drain and the ledger's last batch (ADR 0028)
        return early.take();
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
