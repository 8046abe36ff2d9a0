package dev.switchgear.bootstrap;

import org.apache.catalina.Container;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Tomcat: its error report (for requests refused before Spring sees them) is
 * {@link JsonErrorReportValve}, replacing Tomcat's HTML page and the one Spring Boot installs.
 */
@Configuration(proxyBeanMethods = false)
public class WebServerConfiguration {

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> jsonErrorReports() {
        return new JsonErrorReports();
    }

    /** Runs after Spring Boot's own Tomcat customizer, so its error valve is there to replace. */
    static final class JsonErrorReports implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

        @Override
        public void customize(TomcatServletWebServerFactory factory) {
            factory.addContextCustomizers(context -> {
                Container parent = context.getParent();
                if (parent instanceof StandardHost host) {
                    host.setErrorReportValveClass(JsonErrorReportValve.class.getName());
                }
                for (Valve valve : parent.getPipeline().getValves()) {
                    if (valve instanceof ErrorReportValve && !(valve instanceof JsonErrorReportValve)) {
                        parent.getPipeline().removeValve(valve);
                    }
                }
                parent.getPipeline().addValve(new JsonErrorReportValve());
            });
        }

        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE;
        }
    }
}
