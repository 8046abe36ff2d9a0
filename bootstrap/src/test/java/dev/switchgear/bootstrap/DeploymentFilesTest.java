package dev.switchgear.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The deployment files (ADR 0028) hang together, checked without Docker or helm (neither runs
 * here): {@code deploy/compose.yaml} and the collector's config are parsed; the Helm chart's
 * templates, which use plain value substitutions only, are rendered here against
 * {@code values.yaml} and parsed. Each gateway gets every variable it needs, and only variables
 * {@code application.yml} reads; the database, Redis and Keycloak addresses name the services that
 * run them; the master keyset and the admin key are mounted secrets, apart from PostgreSQL; ports,
 * probes and the shutdown grace agree.
 */
class DeploymentFilesTest {

    private static final Path ROOT = root();
    private static final Set<String> GATEWAY_NEEDS = Set.of("PORT", "SWITCHGEAR_BIND_ADDRESS", "SWITCHGEAR_DB_URL",
            "SWITCHGEAR_DB_USER", "SWITCHGEAR_DB_PASSWORD", "SWITCHGEAR_REDIS_URL", "SWITCHGEAR_MASTER_KEYSET_FILE",
            "SPRING_CONFIG_IMPORT", "SWITCHGEAR_SHUTDOWN_GRACE", "OTEL_EXPORTER_OTLP_ENDPOINT");
    private static final Pattern JDBC = Pattern.compile("jdbc:postgresql://([^:/]+):(\\d+)/(\\w+)");

    @Test
    void composeWiresTheGatewaysToTheirNeighboursAndKeepsTheKeysetApart() throws IOException {
        Map<String, Object> compose = yaml(ROOT.resolve("deploy/compose.yaml"));
        Map<String, Object> services = map(compose.get("services"));
        assertThat(services).containsKeys("postgres", "redis", "keycloak", "otel-collector");
        List<String> gateways = services.entrySet().stream()
                .filter(e -> map(e.getValue()).get("build") != null).map(Map.Entry::getKey).toList();
        assertThat(gateways).hasSizeGreaterThanOrEqualTo(2);
        Map<String, Object> postgresEnv = map(map(services.get("postgres")).get("environment"));
        Map<String, Object> topSecrets = map(compose.get("secrets"));

        for (String name : gateways) {
            Map<String, Object> gateway = map(services.get(name));
            assertThat(map(gateway.get("build")).get("dockerfile")).isEqualTo("deploy/Dockerfile");
            Map<String, String> env = strings(map(gateway.get("environment")));
            assertThat(env.keySet()).containsAll(GATEWAY_NEEDS);
            assertReadByTheGateway(env.keySet());
            assertThat(env.get("SWITCHGEAR_BIND_ADDRESS")).isEqualTo("0.0.0.0");
            String port = env.get("PORT");
            assertThat(list(gateway.get("ports"))).allSatisfy(p -> assertThat(p.toString()).endsWith(":" + port));
            assertThat(list(map(gateway.get("healthcheck")).get("test")).toString())
                    .contains("/127.0.0.1/" + port, "/actuator/health/readiness");

            Matcher db = JDBC.matcher(env.get("SWITCHGEAR_DB_URL"));
            assertThat(db.matches()).isTrue();
            assertThat(services).containsKey(db.group(1));
            assertThat(db.group(2)).isEqualTo("5432");
            assertThat(db.group(3)).isEqualTo(postgresEnv.get("POSTGRES_DB"));
            assertThat(env.get("SWITCHGEAR_DB_USER")).isEqualTo(postgresEnv.get("POSTGRES_USER"));
            assertThat(env.get("SWITCHGEAR_DB_PASSWORD")).isEqualTo(postgresEnv.get("POSTGRES_PASSWORD"));
            assertThat(services).containsKey(URI.create(env.get("SWITCHGEAR_REDIS_URL")).getHost());
            assertThat(services).containsKey(URI.create(env.get("SWITCHGEAR_OIDC_ISSUER_URI")).getHost());
            URI otlp = URI.create(env.get("OTEL_EXPORTER_OTLP_ENDPOINT"));
            assertThat(otlp.getHost()).isEqualTo("otel-collector");
            assertThat(list(map(services.get("otel-collector")).get("ports")).toString()).contains(":" + otlp.getPort());

            // the keyset and the admin key: compose secrets, mounted where the variables point
            Map<String, String> mounted = secretMounts(gateway);
            assertThat(env.get("SWITCHGEAR_MASTER_KEYSET_FILE")).startsWith("/run/secrets/");
            String keysetTarget = env.get("SWITCHGEAR_MASTER_KEYSET_FILE").substring("/run/secrets/".length());
            assertThat(mounted).containsKey(keysetTarget);
            assertThat(map(topSecrets.get(mounted.get(keysetTarget))).get("file")).isNotNull();
            assertThat(env.get("SPRING_CONFIG_IMPORT")).isEqualTo("optional:configtree:/run/secrets/");
            assertThat(mounted).containsKey("switchgear.admin-key");
            assertThat(applicationYml()).contains("  admin-key: ${SWITCHGEAR_ADMIN_KEY:}");
            assertThat(Duration.parse("PT" + gateway.get("stop_grace_period").toString().toUpperCase()))
                    .isGreaterThan(Duration.parse("PT" + env.get("SWITCHGEAR_SHUTDOWN_GRACE").toUpperCase()));
        }
        Map<String, Object> postgres = map(services.get("postgres"));
        assertThat(postgres).doesNotContainKey("secrets");
        assertThat(list(postgres.get("volumes")).toString()).doesNotContain("secret", "keyset");

        // the collector scrapes every gateway with the admin key it has mounted
        Map<String, Object> collector = map(services.get("otel-collector"));
        assertThat(secretMounts(collector)).containsKey("admin-key");
        Map<String, Object> otel = yaml(ROOT.resolve("deploy/otel-collector.yaml"));
        Map<String, Object> job = map(list(map(map(map(otel.get("receivers")).get("prometheus")).get("config"))
                .get("scrape_configs")).get(0));
        assertThat(job.get("metrics_path")).isEqualTo("/actuator/prometheus");
        assertThat(map(job.get("authorization")).get("credentials_file")).isEqualTo("/run/secrets/admin-key");
        List<Object> targets = list(map(list(job.get("static_configs")).get(0)).get("targets"));
        assertThat(targets).containsExactlyInAnyOrderElementsOf(
                gateways.stream().map(g -> (Object) (g + ":8080")).toList());
        assertThat(list(collector.get("volumes")).toString()).contains("./otel-collector.yaml:/etc/otelcol/config.yaml");
        assertThat(Files.readString(ROOT.resolve("deploy/Dockerfile"))).contains(
                "bootstrap/target/switchgear-bootstrap-" + projectVersion() + "-exec.jar");
    }

    @Test
    void theHelmChartRendersIntoConsistentResources() throws IOException {
        Map<String, Object> values = yaml(ROOT.resolve("deploy/helm/switchgear/values.yaml"));
        assertThat(yaml(ROOT.resolve("deploy/helm/switchgear/Chart.yaml"))).containsEntry("apiVersion", "v2")
                .containsEntry("name", "switchgear");
        List<Map<String, Object>> resources = new ArrayList<>();
        try (Stream<Path> templates = Files.list(ROOT.resolve("deploy/helm/switchgear/templates"))) {
            for (Path template : templates.sorted().toList()) {
                for (Object document : new Yaml().loadAll(render(Files.readString(template), values, "rel"))) {
                    resources.add(map(document));
                }
            }
        }
        Map<String, Map<String, Object>> services = byKind(resources, "Service");
        Map<String, Map<String, Object>> workloads = new LinkedHashMap<>(byKind(resources, "Deployment"));
        workloads.putAll(byKind(resources, "StatefulSet"));
        assertThat(workloads).containsKeys("rel-gateway", "rel-postgres", "rel-redis", "rel-keycloak",
                "rel-otel-collector");

        // every Service selects a workload's pods and targets one of its container ports
        for (Map<String, Object> service : services.values()) {
            Map<String, Object> selector = map(map(service.get("spec")).get("selector"));
            Map<String, Object> selected = workloads.values().stream()
                    .filter(w -> podLabels(w).entrySet().containsAll(selector.entrySet())).findFirst().orElseThrow(
                            () -> new AssertionError("no workload for the selector " + selector));
            List<Object> containerPorts = container(selected).get("ports") == null ? List.of()
                    : list(container(selected).get("ports")).stream().map(p -> map(p).get("containerPort")).toList();
            for (Object port : list(map(service.get("spec")).get("ports"))) {
                assertThat(containerPorts).contains(map(port).get("targetPort"));
            }
        }

        Map<String, Object> gatewayDeployment = workloads.get("rel-gateway");
        assertThat(map(gatewayDeployment.get("spec")).get("replicas")).isEqualTo(map(values.get("gateway")).get("replicas"));
        Map<String, Object> gateway = container(gatewayDeployment);
        Map<String, Object> env = new HashMap<>();
        for (Object variable : list(gateway.get("env"))) {
            Map<String, Object> v = map(variable);
            env.put(v.get("name").toString(), v.containsKey("value") ? v.get("value").toString() : v.get("valueFrom"));
        }
        assertThat(env.keySet()).containsAll(GATEWAY_NEEDS);
        assertReadByTheGateway(env.keySet());
        assertThat(env.get("SWITCHGEAR_BIND_ADDRESS")).isEqualTo("0.0.0.0");
        assertThat(env.get("PORT")).isEqualTo(map(values.get("gateway")).get("port").toString());
        Matcher db = JDBC.matcher(env.get("SWITCHGEAR_DB_URL").toString());
        assertThat(db.matches()).isTrue();
        assertThat(services).containsKey(db.group(1));
        assertThat(list(map(services.get(db.group(1)).get("spec")).get("ports")).toString()).contains("port=" + db.group(2));
        assertThat(services).containsKey(URI.create(env.get("SWITCHGEAR_REDIS_URL").toString()).getHost());
        assertThat(services).containsKey(URI.create(env.get("SWITCHGEAR_OIDC_ISSUER_URI").toString()).getHost());
        assertThat(env.get("SWITCHGEAR_DB_PASSWORD").toString()).contains("secretKeyRef");
        URI otlp = URI.create(env.get("OTEL_EXPORTER_OTLP_ENDPOINT").toString());
        assertThat(services).containsKey(otlp.getHost());
        assertThat(list(map(services.get(otlp.getHost()).get("spec")).get("ports")).toString())
                .contains("port=" + otlp.getPort());

        // the keyset and the admin key: Secrets made apart from the chart, mounted where the variables point
        Map<String, String> mounts = secretVolumeMounts(gatewayDeployment);
        String keysetFile = env.get("SWITCHGEAR_MASTER_KEYSET_FILE").toString();
        String keysetDir = keysetFile.substring(0, keysetFile.lastIndexOf('/'));
        assertThat(mounts).containsEntry(keysetDir, map(values.get("masterKeyset")).get("secretName").toString());
        assertThat(keysetFile).endsWith("/" + map(values.get("masterKeyset")).get("fileName"));
        String configTree = env.get("SPRING_CONFIG_IMPORT").toString().replace("optional:configtree:", "");
        assertThat(mounts).containsEntry(configTree.replaceAll("/$", ""),
                map(values.get("adminKey")).get("secretName").toString());
        assertThat(byKind(resources, "Secret")).as("no secret is rendered by the chart").isEmpty();
        assertThat(secretVolumeMounts(workloads.get("rel-postgres")).values())
                .doesNotContain(map(values.get("masterKeyset")).get("secretName").toString());

        assertThat(map(map(gateway.get("readinessProbe")).get("httpGet")).get("path")).isEqualTo("/actuator/health/readiness");
        assertThat(map(map(gateway.get("livenessProbe")).get("httpGet")).get("path")).isEqualTo("/actuator/health/liveness");
        long grace = ((Number) podSpec(gatewayDeployment).get("terminationGracePeriodSeconds")).longValue();
        assertThat(Duration.ofSeconds(grace)).isGreaterThan(
                Duration.parse("PT" + env.get("SWITCHGEAR_SHUTDOWN_GRACE").toString().toUpperCase()));

        // the collector scrapes the gateway Service with the admin key mounted in its own pod
        Map<String, Object> collectorConfig = new Yaml().load(
                map(byKind(resources, "ConfigMap").get("rel-otel-collector").get("data")).get("config.yaml").toString());
        Map<String, Object> job = map(list(map(map(map(collectorConfig.get("receivers")).get("prometheus"))
                .get("config")).get("scrape_configs")).get(0));
        String credentials = map(job.get("authorization")).get("credentials_file").toString();
        assertThat(secretVolumeMounts(workloads.get("rel-otel-collector")))
                .containsEntry(credentials.substring(0, credentials.lastIndexOf('/')),
                        map(values.get("adminKey")).get("secretName").toString());
        assertThat(credentials).endsWith("/switchgear.admin-key");
        String target = list(map(list(job.get("static_configs")).get(0)).get("targets")).get(0).toString();
        assertThat(target).isEqualTo("rel-gateway:" + map(list(map(services.get("rel-gateway").get("spec"))
                .get("ports")).get(0)).get("port"));
    }

    @Test
    void theRendererRefusesWhatItCannotRender() {
        Map<String, Object> values = Map.of("a", Map.of("b", 3));
        assertThat(render("x: {{ .Values.a.b }} {{ .Release.Name }}", values, "r")).isEqualTo("x: 3 r");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> render("x: {{ .Values.a.c }}", values, "r"))
                .isInstanceOf(AssertionError.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> render("{{ if .Values.a }}y{{ end }}", values, "r"))
                .isInstanceOf(AssertionError.class);
    }

    /** Helm's plain substitutions; anything else in braces fails, so the chart stays checkable here. */
    static String render(String template, Map<String, Object> values, String release) {
        Matcher matcher = Pattern.compile("\\{\\{-?\\s*([^}]*?)\\s*-?}}").matcher(template);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String expression = matcher.group(1);
            String value;
            if (expression.equals(".Release.Name")) {
                value = release;
            } else if (expression.startsWith(".Values.")) {
                Object node = values;
                for (String part : expression.substring(".Values.".length()).split("\\.")) {
                    if (!(node instanceof Map<?, ?> m) || !m.containsKey(part)) {
                        throw new AssertionError("values.yaml has no " + expression);
                    }
                    node = m.get(part);
                }
                value = node.toString();
            } else {
                throw new AssertionError("not a plain substitution: {{ " + expression + " }}");
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    /** A variable named SWITCHGEAR_* must be one application.yml reads: a typo would be silently ignored. */
    private static void assertReadByTheGateway(Set<String> names) throws IOException {
        String config = applicationYml();
        for (String name : names) {
            if (name.startsWith("SWITCHGEAR_")) {
                assertThat(config).as(name + " is read by application.yml").contains("${" + name + ":");
            }
        }
    }

    private static String applicationYml() throws IOException {
        return Files.readString(ROOT.resolve("bootstrap/src/main/resources/application.yml"), StandardCharsets.UTF_8);
    }

    private static String projectVersion() throws IOException {
        Matcher version = Pattern.compile("<artifactId>switchgear</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(Files.readString(ROOT.resolve("pom.xml")));
        assertThat(version.find()).isTrue();
        return version.group(1);
    }

    /** Compose secrets of a service: the name inside /run/secrets/ → the secret's name. */
    private static Map<String, String> secretMounts(Map<String, Object> service) {
        Map<String, String> mounts = new HashMap<>();
        for (Object secret : list(service.getOrDefault("secrets", List.of()))) {
            if (secret instanceof String name) {
                mounts.put(name, name);
            } else {
                Map<String, Object> s = map(secret);
                mounts.put(String.valueOf(s.getOrDefault("target", s.get("source"))), s.get("source").toString());
            }
        }
        return mounts;
    }

    /** A workload's secret volumes by mount path → secret name. */
    private static Map<String, String> secretVolumeMounts(Map<String, Object> workload) {
        Map<String, String> secretOf = new HashMap<>();
        for (Object volume : list(podSpec(workload).getOrDefault("volumes", List.of()))) {
            Map<String, Object> v = map(volume);
            if (v.get("secret") != null) {
                secretOf.put(v.get("name").toString(), map(v.get("secret")).get("secretName").toString());
            }
        }
        Map<String, String> mounts = new HashMap<>();
        for (Object mount : list(container(workload).getOrDefault("volumeMounts", List.of()))) {
            Map<String, Object> m = map(mount);
            String secret = secretOf.get(m.get("name").toString());
            if (secret != null) {
                mounts.put(m.get("mountPath").toString(), secret);
            }
        }
        return mounts;
    }

    private static Map<String, Map<String, Object>> byKind(List<Map<String, Object>> resources, String kind) {
        Map<String, Map<String, Object>> named = new LinkedHashMap<>();
        resources.stream().filter(r -> kind.equals(r.get("kind")))
                .forEach(r -> named.put(map(r.get("metadata")).get("name").toString(), r));
        return named;
    }

    private static Map<String, Object> podSpec(Map<String, Object> workload) {
        return map(map(map(workload.get("spec")).get("template")).get("spec"));
    }

    private static Map<String, Object> podLabels(Map<String, Object> workload) {
        return map(map(map(map(workload.get("spec")).get("template")).get("metadata")).get("labels"));
    }

    private static Map<String, Object> container(Map<String, Object> workload) {
        return map(list(podSpec(workload).get("containers")).get(0));
    }

    private static Map<String, Object> yaml(Path file) throws IOException {
        return map(new Yaml().load(Files.readString(file, StandardCharsets.UTF_8)));
    }

    private static Map<String, String> strings(Map<String, Object> map) {
        Map<String, String> strings = new HashMap<>();
        map.forEach((k, v) -> strings.put(k, String.valueOf(v)));
        return strings;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object node) {
        assertThat(node).isInstanceOf(Map.class);
        return (Map<String, Object>) node;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object node) {
        assertThat(node).isInstanceOf(List.class);
        return (List<Object>) node;
    }

    private static Path root() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("deploy/compose.yaml"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("no deploy/compose.yaml above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }
}
