package dev.switchgear.bootstrap;

import dev.switchgear.adapter.persistence.readmodel.JooqUsageAnalytics;
import dev.switchgear.adapter.persistence.readmodel.UsagePartitions;
import dev.switchgear.application.port.in.completion.ListModelsUseCase;
import dev.switchgear.application.port.in.routing.ManageCatalogUseCase;
import dev.switchgear.application.service.routing.CatalogSearchService;
import dev.switchgear.application.service.routing.RecentCharges;
import dev.switchgear.application.service.usage.UsageAnalyticsService;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jooq.DSLContext;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

/**
 * Usage analytics, the catalog's search and GraphiQL (ADR 0024): the rollup reader and its
 * service, the catalog search, the request path's record of its latest charges (for explanations
 * before the projection catches up), the monthly partitions' schedule (created ahead, dropped after
 * {@code switchgear.analytics.retention-months}), and GraphiQL's page at {@code /graphiql} when
 * {@code switchgear.graphql.graphiql-enabled}.
 */
@Configuration(proxyBeanMethods = false)
public class AnalyticsConfiguration {

    private static final Logger LOG = Logger.getLogger(AnalyticsConfiguration.class.getName());

    @Bean
    JooqUsageAnalytics usageAnalytics(DSLContext db) {
        return new JooqUsageAnalytics(db);
    }

    @Bean
    UsageAnalyticsService usageAnalyticsService(JooqUsageAnalytics analytics, Clock clock) {
        return new UsageAnalyticsService(analytics, clock);
    }

    @Bean
    CatalogSearchService catalogSearchService(ManageCatalogUseCase catalog, ListModelsUseCase models,
                                              JooqUsageAnalytics analytics,
                                              dev.switchgear.application.port.out.routing.ProviderHealth health,
                                              Clock clock) {
        return new CatalogSearchService(catalog, caller -> models.models(caller).stream()
                .map(ListModelsUseCase.AvailableModel::id).collect(java.util.stream.Collectors.toSet()), analytics,
                health, clock);
    }

    /** The newest charges of this node, so a request is explained as soon as its answer is out. */
    @Bean
    RecentCharges recentCharges(@Value("${switchgear.analytics.recent-charges:10000}") int capacity) {
        return new RecentCharges(capacity);
    }

    @Bean
    UsagePartitions usagePartitions(DSLContext db) {
        return new UsagePartitions(db);
    }

    /** Creates next months' partitions at start and every six hours; drops expired ones (retention 0: never). */
    @Bean(destroyMethod = "shutdownNow")
    ScheduledExecutorService usagePartitionSchedule(UsagePartitions partitions, Clock clock,
            @Value("${switchgear.analytics.partitions-ahead:2}") int ahead,
            @Value("${switchgear.analytics.retention-months:0}") int retentionMonths,
            @Value("${switchgear.analytics.partition-check-interval:6h}") Duration interval) {
        if (ahead < 1 || retentionMonths < 0) {
            throw new IllegalArgumentException("switchgear.analytics.partitions-ahead is at least 1 and "
                    + "retention-months at least 0 (0: keep every month)");
        }
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "usage-partitions");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
                partitions.createAhead(today, ahead);
                if (retentionMonths > 0) {
                    int dropped = partitions.dropExpired(today, retentionMonths);
                    if (dropped > 0) {
                        LOG.info("dropped " + dropped + " usage partition(s) older than " + retentionMonths
                                + " months");
                    }
                }
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "the usage partitions could not be maintained; retrying at the next run", e);
            }
        }, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        return scheduler;
    }

    /**
     * GraphiQL's page is a static page that holds no data (every query it sends needs a key like any
     * other), so it is public while switched on; switched off, Spring does not serve it at all.
     */
    @Bean
    @Order(1)
    SecurityFilterChain graphiQlPage(HttpSecurity http,
                                     @Value("${spring.graphql.graphiql.path:/graphiql}") String graphiQlPath)
            throws Exception {
        PathPatternRequestMatcher.Builder path = PathPatternRequestMatcher.withDefaults();
        return http.securityMatcher(path.matcher(HttpMethod.GET, graphiQlPath))
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(
                        org.springframework.security.config.http.SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(routes -> routes.anyRequest().permitAll())
                .build();
    }
}
