package dev.fleetsynth.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fleetsynth.deploy.YamlDocuments.Doc;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Checks the container and Kubernetes deployment files against the platform: every YAML document
 * under deploy/k8s and docker-compose.yml is parsed, and the invariants in {@link ManifestChecks}
 * must hold. A failure lists every broken invariant, each starting with the file at fault.
 */
class DeploymentManifestsTest {

    private static final Path ROOT = repositoryRoot();
    private final ManifestChecks checks = new ManifestChecks(ROOT);

    @Test
    void everyYamlFileParses() {
        List<Path> files = checks.k8sFiles();
        assertThat(files).as("YAML files under " + ManifestChecks.K8S_DIR).isNotEmpty();
        for (Path file : files) {
            assertThat(YamlDocuments.read(ROOT, file))
                    .as(ROOT.relativize(file) + " holds no YAML document")
                    .isNotEmpty();
        }
        assertThat(YamlDocuments.read(ROOT, ROOT.resolve(ManifestChecks.COMPOSE)))
                .as(ManifestChecks.COMPOSE)
                .hasSize(1);
        List<Doc> docs = checks.k8sDocuments();
        assertThat(docs)
                .extracting(Doc::kind)
                .as("kinds of the documents under " + ManifestChecks.K8S_DIR)
                .contains(
                        "Namespace",
                        "Deployment",
                        "Service",
                        "ConfigMap",
                        "Secret",
                        "PersistentVolumeClaim",
                        "Kafka",
                        "KafkaNodePool",
                        "KafkaTopic",
                        "KafkaUser",
                        "TriggerAuthentication",
                        "ScaledObject",
                        "Ingress",
                        "NetworkPolicy",
                        "Kustomization");
    }

    @Test
    void kubernetesManifestsHoldTheInvariants() {
        assertNoViolations(checks.kubernetes());
    }

    @Test
    void kustomizationListsEveryManifest() {
        assertNoViolations(checks.kustomization());
    }

    @Test
    void composeRunsTheWholeStack() {
        assertNoViolations(checks.compose());
    }

    @Test
    void everyServiceHasItsDockerfile() {
        assertNoViolations(checks.dockerfiles());
    }

    @Test
    void cudaProfileLeavesTheCpuLibtorchOut() {
        assertNoViolations(checks.cudaProfile());
    }

    /** A deliberate break in a copy of the files, and the message the checks must give for it. */
    record Breakage(
            String description,
            String file,
            String from,
            String to,
            Function<ManifestChecks, List<String>> check,
            String expected) {

        @Override
        public String toString() {
            return description;
        }
    }

    static Stream<Breakage> breakages() {
        return Stream.of(
                new Breakage(
                        "readiness probe removed",
                        "deploy/k8s/seed-service.yaml",
                        "          readinessProbe:",
                        "          notAProbe:",
                        ManifestChecks::kubernetes,
                        "deploy/k8s/seed-service.yaml [Deployment seed-service]: container seed-service: has no readinessProbe"),
                new Breakage(
                        "liveness probe on the wrong path",
                        "deploy/k8s/gateway.yaml",
                        "path: /q/health/live\n              port: 8080\n            periodSeconds: 10",
                        "path: /health\n              port: 8080\n            periodSeconds: 10",
                        ManifestChecks::kubernetes,
                        "deploy/k8s/gateway.yaml [Deployment gateway]: container gateway: livenessProbe path is '/health'"),
                new Breakage(
                        "topic renamed",
                        "deploy/k8s/kafka-topics.yaml",
                        "topicName: job.failed",
                        "topicName: job-failed",
                        ManifestChecks::kubernetes,
                        "deploy/k8s: no KafkaTopic for topic 'job.failed'"),
                new Breakage(
                        "trainer without its GPU",
                        "deploy/k8s/trainer-service.yaml",
                        "              memory: 12Gi\n              nvidia.com/gpu: 1\n",
                        "              memory: 12Gi\n",
                        ManifestChecks::kubernetes,
                        "deploy/k8s/trainer-service.yaml [Deployment trainer-service]: resources.limits[nvidia.com/gpu] is '', expected 1"),
                new Breakage(
                        "KEDA on the wrong group",
                        "deploy/k8s/trainer-service-scaledobject.yaml",
                        "consumerGroup: trainer-service",
                        "consumerGroup: trainers",
                        ManifestChecks::kubernetes,
                        "deploy/k8s/trainer-service-scaledobject.yaml [ScaledObject trainer-service]: kafka trigger consumerGroup is 'trainers'"),
                new Breakage(
                        "gateway loses a service URL",
                        "deploy/k8s/gateway.yaml",
                        "  FLEETSYNTH_SERVICES_SEED_URL: http://seed-service:8082\n",
                        "",
                        ManifestChecks::kubernetes,
                        "deploy/k8s/gateway.yaml [Deployment gateway]: environment variable FLEETSYNTH_SERVICES_SEED_URL is not set"),
                new Breakage(
                        "file left out of the kustomization",
                        "deploy/k8s/kustomization.yaml",
                        "  - gateway-ingress.yaml\n",
                        "",
                        ManifestChecks::kustomization,
                        "deploy/k8s/kustomization.yaml: resources does not list gateway-ingress.yaml"),
                new Breakage(
                        "gateway starts before the trainer is healthy",
                        "docker-compose.yml",
                        "      trainer-service:\n        condition: service_healthy\n",
                        "",
                        ManifestChecks::compose,
                        "docker-compose.yml [gateway]: depends_on trainer-service must have condition service_healthy"),
                new Breakage(
                        "Dockerfile misses the dependencies",
                        "generator-service/src/main/docker/Dockerfile.jvm",
                        "COPY --chown=185:185 target/quarkus-app/lib/ /deployments/lib/\n",
                        "",
                        ManifestChecks::dockerfiles,
                        "generator-service/src/main/docker/Dockerfile.jvm: does not copy target/quarkus-app/lib/"),
                new Breakage(
                        "cuda profile without the exclusion",
                        "trainer-service/pom.xml",
                        "<artifactId>pytorch-native-cpu</artifactId>\n            </exclusion>",
                        "<artifactId>pytorch-native-gpu</artifactId>\n            </exclusion>",
                        ManifestChecks::cudaProfile,
                        "trainer-service/pom.xml: profile cuda does not exclude ai.djl.pytorch:pytorch-native-cpu"));
    }

    /** The checks are only worth something if they catch a break and say which file to fix. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("breakages")
    void aBrokenFileIsReportedByName(Breakage breakage, @TempDir Path copy) throws IOException {
        copyDeploymentFiles(copy);
        Path file = copy.resolve(breakage.file());
        String text = Files.readString(file);
        assertThat(text).as("the breakage must apply to " + breakage.file()).contains(breakage.from());
        Files.writeString(file, text.replace(breakage.from(), breakage.to()));

        List<String> violations = breakage.check().apply(new ManifestChecks(copy));

        assertThat(violations).anySatisfy(v -> assertThat(v).startsWith(breakage.expected()));
    }

    private static void assertNoViolations(List<String> violations) {
        assertThat(violations)
                .withFailMessage(() -> violations.size() + " broken deployment invariant(s):\n  - "
                        + String.join("\n  - ", violations))
                .isEmpty();
    }

    private static void copyDeploymentFiles(Path target) throws IOException {
        copyTree(ROOT.resolve(ManifestChecks.K8S_DIR), target.resolve(ManifestChecks.K8S_DIR));
        copyFile(ManifestChecks.COMPOSE, target);
        copyFile("trainer-service/pom.xml", target);
        for (Platform.Service service : Platform.SERVICES) {
            copyTree(
                    ROOT.resolve(service.name() + "/src/main/docker"),
                    target.resolve(service.name() + "/src/main/docker"));
        }
    }

    private static void copyFile(String relative, Path target) throws IOException {
        Path to = target.resolve(relative);
        Files.createDirectories(to.getParent());
        Files.copy(ROOT.resolve(relative), to);
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path source : (Iterable<Path>) files::iterator) {
                Path dest = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(dest);
                } else {
                    Files.copy(source, dest);
                }
            }
        }
    }

    /** Surefire passes the repository root; from an IDE, the module directory's parent is assumed. */
    private static Path repositoryRoot() {
        String configured = System.getProperty("fleetsynth.repo.root");
        Path root = configured != null
                ? Path.of(configured)
                : Path.of("").toAbsolutePath().getParent();
        root = root.toAbsolutePath().normalize();
        if (!Files.isDirectory(root.resolve(ManifestChecks.K8S_DIR))) {
            throw new IllegalStateException(root + " is not the repository root: it has no " + ManifestChecks.K8S_DIR);
        }
        return root;
    }
}
