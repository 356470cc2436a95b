package dev.fleetsynth.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fleetsynth.deploy.Platform.Service;
import dev.fleetsynth.deploy.YamlDocuments.Doc;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The invariants of the deployment files. Each check returns the broken invariants as messages that
 * start with the file (and resource) at fault; an empty list means the files are consistent.
 * The checks take the repository root as a parameter so that tests can also run them on a
 * deliberately broken copy.
 */
final class ManifestChecks {

    static final String K8S_DIR = "deploy/k8s";
    static final String KUSTOMIZATION = "kustomization.yaml";
    static final String COMPOSE = "docker-compose.yml";

    /** Kinds that live outside any namespace. */
    private static final Set<String> CLUSTER_SCOPED = Set.of(
            "Namespace",
            "PersistentVolume",
            "StorageClass",
            "ClusterRole",
            "ClusterRoleBinding",
            "CustomResourceDefinition",
            "PriorityClass",
            "IngressClass");

    private final Path root;

    ManifestChecks(Path root) {
        this.root = root;
    }

    // ---------------------------------------------------------------- Kubernetes

    /** Every YAML file under deploy/k8s, sorted, kustomization.yaml included. */
    List<Path> k8sFiles() {
        Path dir = root.resolve(K8S_DIR);
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(K8S_DIR + ": cannot list: " + e.getMessage(), e);
        }
    }

    /** Every document of every file under deploy/k8s. */
    List<Doc> k8sDocuments() {
        List<Doc> docs = new ArrayList<>();
        for (Path file : k8sFiles()) {
            docs.addAll(YamlDocuments.read(root, file));
        }
        return docs;
    }

    List<String> kubernetes() {
        List<String> errors = new ArrayList<>();
        List<Doc> docs = k8sDocuments();
        Resources res = new Resources(docs, errors);

        for (Doc doc : docs) {
            if (doc.kind().equals("Kustomization")) {
                continue;
            }
            if (doc.node().path("apiVersion").asText("").isEmpty()) {
                errors.add(doc.where() + ": has no apiVersion");
            }
            if (doc.kind().isEmpty()) {
                errors.add(doc.where() + ": has no kind");
            }
            if (doc.name().isEmpty()) {
                errors.add(doc.where() + ": has no metadata.name");
            }
            String ns = doc.node().path("metadata").path("namespace").asText("");
            if (!CLUSTER_SCOPED.contains(doc.kind()) && !ns.equals(Platform.NAMESPACE)) {
                errors.add(doc.where() + ": metadata.namespace is '" + ns + "', expected '" + Platform.NAMESPACE + "'");
            }
        }
        if (res.get("Namespace", Platform.NAMESPACE).isEmpty()) {
            errors.add(K8S_DIR + ": no Namespace " + Platform.NAMESPACE);
        }

        String kafka = checkStrimzi(res, errors);
        for (Service service : Platform.SERVICES) {
            checkService(res, service, kafka, errors);
        }
        checkTrainerGpu(res, errors);
        checkKeda(res, kafka, errors);
        checkIngress(res, errors);
        return errors;
    }

    /** Checks the Strimzi resources; returns the Kafka cluster's name ("" when there is none). */
    private String checkStrimzi(Resources res, List<String> errors) {
        List<Doc> clusters = res.all("Kafka");
        if (clusters.size() != 1) {
            errors.add(K8S_DIR + ": expected exactly one Strimzi Kafka resource, found " + clusters.size());
            return clusters.isEmpty() ? "" : clusters.get(0).name();
        }
        Doc cluster = clusters.get(0);
        String name = cluster.name();

        // KRaft: node pools of this cluster must provide both the controller and the broker role.
        Set<String> roles = new HashSet<>();
        for (Doc pool : res.all("KafkaNodePool")) {
            if (!name.equals(label(pool, "strimzi.io/cluster"))) {
                errors.add(pool.where() + ": label strimzi.io/cluster is '" + label(pool, "strimzi.io/cluster")
                        + "', expected '" + name + "'");
                continue;
            }
            pool.node().path("spec").path("roles").forEach(r -> roles.add(r.asText()));
        }
        if (!roles.containsAll(List.of("controller", "broker"))) {
            errors.add(cluster.where() + ": KRaft needs KafkaNodePools with the roles controller and broker, found "
                    + roles);
        }
        if (cluster.node().path("spec").has("zookeeper")) {
            errors.add(cluster.where() + ": spec.zookeeper is set; the cluster must run in KRaft mode");
        }

        Map<String, Doc> topics = new HashMap<>();
        for (Doc topic : res.all("KafkaTopic")) {
            String topicName = topic.node().path("spec").path("topicName").asText(topic.name());
            if (!Platform.TOPICS.contains(topicName)) {
                errors.add(topic.where() + ": topic '" + topicName + "' is not one of the platform's topics "
                        + Platform.TOPICS);
            }
            topics.put(topicName, topic);
        }
        for (String topicName : Platform.TOPICS) {
            Doc topic = topics.get(topicName);
            if (topic == null) {
                errors.add(K8S_DIR + ": no KafkaTopic for topic '" + topicName + "'");
                continue;
            }
            if (!name.equals(label(topic, "strimzi.io/cluster"))) {
                errors.add(topic.where() + ": label strimzi.io/cluster is '" + label(topic, "strimzi.io/cluster")
                        + "', expected '" + name + "'");
            }
            int partitions = topic.node().path("spec").path("partitions").asInt(0);
            if (partitions < Platform.MIN_TOPIC_PARTITIONS) {
                errors.add(topic.where() + ": spec.partitions is " + partitions + ", expected at least "
                        + Platform.MIN_TOPIC_PARTITIONS + " so that consumers can share the work");
            }
        }
        return name;
    }

    private void checkService(Resources res, Service service, String kafka, List<String> errors) {
        String name = service.name();
        Optional<Doc> configMap = res.get("ConfigMap", name);
        Optional<Doc> deployment = res.get("Deployment", name);
        Optional<Doc> svc = res.get("Service", name);
        if (configMap.isEmpty()) {
            errors.add(K8S_DIR + ": no ConfigMap named " + name);
        }
        if (svc.isEmpty()) {
            errors.add(K8S_DIR + ": no Service named " + name);
        }
        if (deployment.isEmpty()) {
            errors.add(K8S_DIR + ": no Deployment named " + name);
            return;
        }
        Doc dep = deployment.get();
        JsonNode template = dep.node().path("spec").path("template");
        JsonNode podLabels = template.path("metadata").path("labels");
        JsonNode matchLabels = dep.node().path("spec").path("selector").path("matchLabels");
        if (matchLabels.isEmpty() || !isSubset(matchLabels, podLabels)) {
            errors.add(dep.where() + ": spec.selector.matchLabels " + matchLabels
                    + " must be non-empty and match the pod template's labels " + podLabels);
        }

        JsonNode containers = template.path("spec").path("containers");
        if (containers.isEmpty()) {
            errors.add(dep.where() + ": has no containers");
            return;
        }
        for (JsonNode container : containers) {
            String where = dep.where() + ": container " + container.path("name").asText("?");
            checkContainer(where, container, service, errors);
            if (!name.equals(Platform.TRAINER)
                    && !container
                            .path("resources")
                            .path("limits")
                            .path("nvidia.com/gpu")
                            .isMissingNode()) {
                errors.add(where + ": requests a GPU; only " + Platform.TRAINER + " runs on the GPU pool");
            }
        }
        JsonNode container = containers.get(0);
        Map<String, String> env = effectiveEnv(dep, container, res, errors);
        for (String variable : service.requiredEnv()) {
            if (!env.containsKey(variable)) {
                errors.add(dep.where() + ": environment variable " + variable
                        + " is not set (neither in env nor in an envFrom ConfigMap/Secret)");
            }
        }
        checkPasswordFromSecret(dep, container, res, errors);
        checkEnvValues(dep.where(), service, env, kafka, res, errors);
        checkArtifactsVolume(dep, container, env.get(Platform.ARTIFACTS_ROOT), res, errors);

        if (svc.isPresent()) {
            checkServiceResource(svc.get(), service, podLabels, container, errors);
        }
    }

    private static void checkContainer(String where, JsonNode container, Service service, List<String> errors) {
        boolean exposesPort = false;
        for (JsonNode port : container.path("ports")) {
            exposesPort |= port.path("containerPort").asInt(-1) == service.port();
        }
        if (!exposesPort) {
            errors.add(where + ": does not declare containerPort " + service.port());
        }
        checkProbe(where, container, "livenessProbe", Platform.HEALTH_LIVE, service.port(), errors);
        checkProbe(where, container, "readinessProbe", Platform.HEALTH_READY, service.port(), errors);
        JsonNode resources = container.path("resources");
        for (String section : List.of("requests", "limits")) {
            for (String resource : List.of("cpu", "memory")) {
                if (resources.path(section).path(resource).asText("").isEmpty()) {
                    errors.add(where + ": resources." + section + "." + resource + " is not set");
                }
            }
        }
    }

    private static void checkProbe(
            String where, JsonNode container, String probe, String path, int port, List<String> errors) {
        JsonNode http = container.path(probe).path("httpGet");
        if (http.isMissingNode()) {
            errors.add(where + ": has no " + probe + " with httpGet on " + path);
            return;
        }
        if (!path.equals(http.path("path").asText())) {
            errors.add(where + ": " + probe + " path is '" + http.path("path").asText() + "', expected '" + path + "'");
        }
        OptionalInt actual = resolvePort(http.path("port"), container);
        if (actual.isEmpty() || actual.getAsInt() != port) {
            errors.add(where + ": " + probe + " port is '" + http.path("port").asText() + "', expected " + port);
        }
    }

    /** A port given as a number, or as the name of one of the container's ports. */
    private static OptionalInt resolvePort(JsonNode port, JsonNode container) {
        if (port.isInt()) {
            return OptionalInt.of(port.asInt());
        }
        String name = port.asText("");
        if (name.matches("\\d+")) {
            return OptionalInt.of(Integer.parseInt(name));
        }
        for (JsonNode p : container.path("ports")) {
            if (name.equals(p.path("name").asText())) {
                return OptionalInt.of(p.path("containerPort").asInt());
            }
        }
        return OptionalInt.empty();
    }

    /** The container's environment: envFrom ConfigMaps/Secrets first, then env entries (which win). */
    private static Map<String, String> effectiveEnv(Doc dep, JsonNode container, Resources res, List<String> errors) {
        Map<String, String> env = new LinkedHashMap<>();
        for (JsonNode from : container.path("envFrom")) {
            String cm = from.path("configMapRef").path("name").asText("");
            String secret = from.path("secretRef").path("name").asText("");
            if (!cm.isEmpty()) {
                Optional<Doc> source = res.get("ConfigMap", cm);
                if (source.isEmpty()) {
                    errors.add(dep.where() + ": envFrom refers to ConfigMap " + cm + ", which is not in " + K8S_DIR);
                } else {
                    source.get()
                            .node()
                            .path("data")
                            .properties()
                            .forEach(e -> env.put(e.getKey(), e.getValue().asText()));
                }
            }
            if (!secret.isEmpty()) {
                Optional<Doc> source = res.get("Secret", secret);
                if (source.isEmpty()) {
                    errors.add(dep.where() + ": envFrom refers to Secret " + secret + ", which is not in " + K8S_DIR);
                } else {
                    secretKeys(source.get()).forEach(k -> env.put(k, "<secret>"));
                }
            }
        }
        for (JsonNode e : container.path("env")) {
            env.put(e.path("name").asText(), e.has("value") ? e.path("value").asText() : "<valueFrom>");
        }
        return env;
    }

    /** The database password must come from a Secret that exists and has the key, never a literal. */
    private static void checkPasswordFromSecret(Doc dep, JsonNode container, Resources res, List<String> errors) {
        for (JsonNode from : container.path("envFrom")) {
            String cm = from.path("configMapRef").path("name").asText("");
            if (!cm.isEmpty()
                    && res.get("ConfigMap", cm)
                            .map(d -> d.node().path("data").has(Platform.DB_PASSWORD))
                            .orElse(false)) {
                errors.add(res.get("ConfigMap", cm).get().where() + ": holds " + Platform.DB_PASSWORD
                        + "; a password belongs in a Secret");
            }
        }
        for (JsonNode e : container.path("env")) {
            if (!Platform.DB_PASSWORD.equals(e.path("name").asText())) {
                continue;
            }
            JsonNode ref = e.path("valueFrom").path("secretKeyRef");
            if (ref.isMissingNode()) {
                errors.add(dep.where() + ": " + Platform.DB_PASSWORD
                        + " must come from valueFrom.secretKeyRef, not a literal value");
                return;
            }
            String secretName = ref.path("name").asText();
            String key = ref.path("key").asText();
            Optional<Doc> secret = res.get("Secret", secretName);
            if (secret.isEmpty()) {
                errors.add(dep.where() + ": " + Platform.DB_PASSWORD + " refers to Secret " + secretName
                        + ", which is not in " + K8S_DIR);
            } else if (!secretKeys(secret.get()).contains(key)) {
                errors.add(secret.get().where() + ": has no key '" + key + "', which " + dep.where() + " reads as "
                        + Platform.DB_PASSWORD);
            }
        }
    }

    private static Set<String> secretKeys(Doc secret) {
        Set<String> keys = new TreeSet<>();
        secret.node().path("data").properties().forEach(e -> keys.add(e.getKey()));
        secret.node().path("stringData").properties().forEach(e -> keys.add(e.getKey()));
        return keys;
    }

    /** The values must point at things that exist in the manifests. */
    private static void checkEnvValues(
            String where, Service service, Map<String, String> env, String kafka, Resources res, List<String> errors) {
        String bootstrap = env.get("KAFKA_BOOTSTRAP_SERVERS");
        if (bootstrap != null && !kafka.isEmpty() && !bootstrap.startsWith(kafka + "-kafka-bootstrap")) {
            errors.add(where + ": KAFKA_BOOTSTRAP_SERVERS is '" + bootstrap
                    + "', expected the Strimzi bootstrap service " + kafka + "-kafka-bootstrap:9092");
        }
        String jdbc = env.get("QUARKUS_DATASOURCE_JDBC_URL");
        if (jdbc != null && !jdbc.matches("jdbc:postgresql://[^/]+/fleetsynth([?].*)?")) {
            errors.add(where + ": QUARKUS_DATASOURCE_JDBC_URL is '" + jdbc
                    + "', expected jdbc:postgresql://HOST:PORT/fleetsynth");
        }
        String redis = env.get("QUARKUS_REDIS_HOSTS");
        if (redis != null && !redis.matches("rediss?://.+")) {
            errors.add(where + ": QUARKUS_REDIS_HOSTS is '" + redis + "', expected redis://HOST:6379");
        }
        if (service.name().equals(Platform.GATEWAY)) {
            for (Service target : Platform.SERVICES) {
                if (target.name().equals(Platform.GATEWAY)) {
                    continue;
                }
                String url = env.get(target.urlVariable());
                if (url == null) {
                    continue; // reported as a missing variable
                }
                String problem = urlProblem(url, target, res::hasService);
                if (problem != null) {
                    errors.add(where + ": " + target.urlVariable() + " is '" + url + "': " + problem);
                }
            }
        }
    }

    /** Why {@code url} does not reach {@code target} on its port, or null when it does. */
    private static String urlProblem(String url, Service target, java.util.function.Predicate<String> hostExists) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            return "not a URL";
        }
        String host = uri.getHost() == null ? "" : uri.getHost();
        String firstLabel = host.contains(".") ? host.substring(0, host.indexOf('.')) : host;
        if (!"http".equals(uri.getScheme()) || !firstLabel.equals(target.name()) || uri.getPort() != target.port()) {
            return "expected http://" + target.name() + ":" + target.port();
        }
        if (!hostExists.test(firstLabel)) {
            return "no " + firstLabel + " to reach";
        }
        return null;
    }

    private static void checkArtifactsVolume(
            Doc dep, JsonNode container, String artifactsRoot, Resources res, List<String> errors) {
        if (artifactsRoot == null) {
            return; // reported as a missing variable
        }
        String volumeName = null;
        for (JsonNode mount : container.path("volumeMounts")) {
            if (artifactsRoot.equals(mount.path("mountPath").asText())) {
                volumeName = mount.path("name").asText();
            }
        }
        if (volumeName == null) {
            errors.add(dep.where() + ": nothing is mounted at " + Platform.ARTIFACTS_ROOT + " (" + artifactsRoot
                    + "); every service must mount the shared artifacts volume there");
            return;
        }
        String claim = null;
        for (JsonNode volume :
                dep.node().path("spec").path("template").path("spec").path("volumes")) {
            if (volumeName.equals(volume.path("name").asText())) {
                claim = volume.path("persistentVolumeClaim").path("claimName").asText(null);
            }
        }
        if (claim == null) {
            errors.add(dep.where() + ": volume " + volumeName + " at " + artifactsRoot
                    + " is not a PersistentVolumeClaim");
            return;
        }
        Optional<Doc> pvc = res.get("PersistentVolumeClaim", claim);
        if (pvc.isEmpty()) {
            errors.add(dep.where() + ": PersistentVolumeClaim " + claim + " is not in " + K8S_DIR);
        } else if (!textValues(pvc.get().node().path("spec").path("accessModes"))
                .contains("ReadWriteMany")) {
            errors.add(
                    pvc.get().where() + ": accessModes must include ReadWriteMany (all services share the artifacts)");
        }
    }

    private static void checkServiceResource(
            Doc svc, Service service, JsonNode podLabels, JsonNode container, List<String> errors) {
        JsonNode selector = svc.node().path("spec").path("selector");
        if (selector.isEmpty() || !isSubset(selector, podLabels)) {
            errors.add(svc.where() + ": spec.selector " + selector + " does not select the Deployment's pods "
                    + podLabels);
        }
        boolean found = false;
        for (JsonNode port : svc.node().path("spec").path("ports")) {
            if (port.path("port").asInt(-1) != service.port()) {
                continue;
            }
            found = true;
            JsonNode target = port.has("targetPort") ? port.path("targetPort") : port.path("port");
            OptionalInt resolved = resolvePort(target, container);
            if (resolved.isEmpty() || resolved.getAsInt() != service.port()) {
                errors.add(svc.where() + ": targetPort '" + target.asText() + "' does not reach containerPort "
                        + service.port());
            }
        }
        if (!found) {
            errors.add(svc.where() + ": has no port " + service.port());
        }
    }

    private static void checkTrainerGpu(Resources res, List<String> errors) {
        Optional<Doc> trainer = res.get("Deployment", Platform.TRAINER);
        if (trainer.isEmpty()) {
            return; // reported already
        }
        Doc dep = trainer.get();
        JsonNode pod = dep.node().path("spec").path("template").path("spec");
        if (pod.path("nodeSelector").isEmpty()) {
            errors.add(dep.where() + ": has no nodeSelector for the GPU node pool");
        }
        boolean tolerates = false;
        for (JsonNode toleration : pod.path("tolerations")) {
            tolerates |= "nvidia.com/gpu".equals(toleration.path("key").asText());
        }
        if (!tolerates) {
            errors.add(dep.where() + ": has no toleration for the nvidia.com/gpu taint");
        }
        JsonNode container = pod.path("containers").path(0);
        String gpus = container
                .path("resources")
                .path("limits")
                .path("nvidia.com/gpu")
                .asText("");
        if (!gpus.equals("1")) {
            errors.add(dep.where() + ": resources.limits[nvidia.com/gpu] is '" + gpus + "', expected 1");
        }
        String image = container.path("image").asText("");
        if (!image.toLowerCase(java.util.Locale.ROOT).contains("cuda")) {
            errors.add(dep.where() + ": image '" + image + "' is not the CUDA image (Dockerfile.cuda, tagged *-cuda)");
        }
    }

    private static void checkKeda(Resources res, String kafka, List<String> errors) {
        List<Doc> scaled = res.all("ScaledObject").stream()
                .filter(d -> Platform.TRAINER.equals(d.node()
                        .path("spec")
                        .path("scaleTargetRef")
                        .path("name")
                        .asText()))
                .toList();
        if (scaled.isEmpty()) {
            errors.add(K8S_DIR + ": no KEDA ScaledObject with scaleTargetRef.name " + Platform.TRAINER);
            return;
        }
        for (Doc doc : scaled) {
            JsonNode spec = doc.node().path("spec");
            String kind = spec.path("scaleTargetRef").path("kind").asText("Deployment");
            if (!kind.equals("Deployment")) {
                errors.add(doc.where() + ": scaleTargetRef.kind is " + kind + ", expected Deployment");
            }
            int min = spec.path("minReplicaCount").asInt(0);
            int max = spec.path("maxReplicaCount").asInt(100);
            if (min < 0 || min > 1 || max < Math.max(min, 2)) {
                errors.add(doc.where() + ": minReplicaCount " + min + " / maxReplicaCount " + max
                        + ": expected min 0 or 1 and a max of at least 2");
            }
            if (max > 16) {
                errors.add(doc.where() + ": maxReplicaCount " + max + " is more GPUs than intended (at most 16)");
            }
            Set<String> topics = new TreeSet<>();
            boolean anyKafka = false;
            for (JsonNode trigger : spec.path("triggers")) {
                if (!"kafka".equals(trigger.path("type").asText())) {
                    continue;
                }
                anyKafka = true;
                JsonNode meta = trigger.path("metadata");
                if (!Platform.TRAINER_GROUP.equals(meta.path("consumerGroup").asText())) {
                    errors.add(doc.where() + ": kafka trigger consumerGroup is '"
                            + meta.path("consumerGroup").asText() + "', expected '" + Platform.TRAINER_GROUP + "'");
                }
                if (!kafka.isEmpty()
                        && !meta.path("bootstrapServers").asText("").startsWith(kafka + "-kafka-bootstrap")) {
                    errors.add(doc.where() + ": kafka trigger bootstrapServers '"
                            + meta.path("bootstrapServers").asText() + "' is not the Strimzi bootstrap service " + kafka
                            + "-kafka-bootstrap");
                }
                String topic = meta.path("topic").asText("");
                if (topic.isEmpty()) {
                    topics.addAll(Platform.TRAINER_TOPICS); // no topic: every topic of the group
                } else {
                    topics.addAll(List.of(topic.split(",")));
                }
            }
            if (!anyKafka) {
                errors.add(doc.where() + ": has no trigger of type kafka");
            } else if (!topics.containsAll(Platform.TRAINER_TOPICS)) {
                errors.add(doc.where() + ": kafka triggers cover topics " + topics + ", expected "
                        + Platform.TRAINER_TOPICS);
            }
        }
    }

    private static void checkIngress(Resources res, List<String> errors) {
        List<Doc> ingresses = res.all("Ingress");
        Optional<Doc> gateway =
                ingresses.stream().filter(d -> routesTo(d, Platform.GATEWAY)).findFirst();
        if (gateway.isEmpty()) {
            errors.add(K8S_DIR + ": no Ingress routes to Service " + Platform.GATEWAY + " port "
                    + Platform.service(Platform.GATEWAY).port());
            return;
        }
        JsonNode annotations = gateway.get().node().path("metadata").path("annotations");
        boolean longReads = false;
        for (Map.Entry<String, JsonNode> annotation : annotations.properties()) {
            longReads |= annotation.getKey().endsWith("proxy-read-timeout");
        }
        if (!longReads) {
            errors.add(gateway.get().where()
                    + ": has no proxy-read-timeout annotation; idle WebSockets (/ws/...) would be cut");
        }
    }

    private static boolean routesTo(Doc ingress, String service) {
        int port = Platform.service(service).port();
        for (JsonNode rule : ingress.node().path("spec").path("rules")) {
            for (JsonNode path : rule.path("http").path("paths")) {
                JsonNode backend = path.path("backend").path("service");
                JsonNode p = backend.path("port");
                if (service.equals(backend.path("name").asText())
                        && (p.path("number").asInt(-1) == port
                                || "http".equals(p.path("name").asText()))) {
                    return true;
                }
            }
        }
        return false;
    }

    // ---------------------------------------------------------------- kustomization

    List<String> kustomization() {
        List<String> errors = new ArrayList<>();
        Path dir = root.resolve(K8S_DIR);
        Path file = dir.resolve(KUSTOMIZATION);
        String shown = K8S_DIR + "/" + KUSTOMIZATION;
        if (!Files.isRegularFile(file)) {
            errors.add(shown + ": missing");
            return errors;
        }
        Doc doc = YamlDocuments.readSingle(root, file);
        Set<String> listed = new TreeSet<>(textValues(doc.node().path("resources")));
        Set<String> present = k8sFiles().stream()
                .map(p -> dir.relativize(p).toString().replace('\\', '/'))
                .filter(p -> !p.equals(KUSTOMIZATION))
                .collect(Collectors.toCollection(TreeSet::new));
        for (String p : present) {
            if (!listed.contains(p)) {
                errors.add(shown + ": resources does not list " + p);
            }
        }
        for (String l : listed) {
            if (!present.contains(l)) {
                errors.add(shown + ": resources lists " + l + ", which is not a YAML file in " + K8S_DIR);
            }
        }
        String ns = doc.node().path("namespace").asText("");
        if (!ns.isEmpty() && !ns.equals(Platform.NAMESPACE)) {
            errors.add(shown + ": namespace is '" + ns + "', expected '" + Platform.NAMESPACE + "'");
        }
        return errors;
    }

    // ---------------------------------------------------------------- docker-compose.yml

    List<String> compose() {
        List<String> errors = new ArrayList<>();
        Path file = root.resolve(COMPOSE);
        if (!Files.isRegularFile(file)) {
            errors.add(COMPOSE + ": missing");
            return errors;
        }
        JsonNode compose = YamlDocuments.readSingle(root, file).node();
        JsonNode services = compose.path("services");

        Set<String> expected = new TreeSet<>(Platform.COMPOSE_INFRASTRUCTURE);
        Platform.SERVICES.forEach(s -> expected.add(s.name()));
        Set<String> actual = new TreeSet<>();
        services.properties().forEach(e -> actual.add(e.getKey()));
        if (!actual.equals(expected)) {
            errors.add(COMPOSE + ": services are " + actual + ", expected exactly " + expected);
        }
        for (String name : actual) {
            JsonNode test = services.path(name).path("healthcheck").path("test");
            if (test.isMissingNode() || test.isEmpty() && test.asText("").isEmpty()) {
                errors.add(COMPOSE + " [" + name + "]: has no healthcheck");
            }
        }
        checkComposeImage(services, "kafka", "apache/kafka:4.1.", errors);
        checkComposeImage(services, "postgres", "postgres:17", errors);
        checkComposeImage(services, "redis", "redis:7", errors);
        if (!"fleetsynth".equals(envOf(services.path("postgres")).get("POSTGRES_DB"))) {
            errors.add(COMPOSE + " [postgres]: POSTGRES_DB must be fleetsynth");
        }
        String kafkaEnv = envOf(services.path("kafka")).getOrDefault("KAFKA_PROCESS_ROLES", "");
        if (!kafkaEnv.contains("controller") || !kafkaEnv.contains("broker")) {
            errors.add(COMPOSE + " [kafka]: KAFKA_PROCESS_ROLES is '" + kafkaEnv
                    + "', expected broker,controller (KRaft, one node)");
        }

        Set<String> namedVolumes = new HashSet<>();
        compose.path("volumes").properties().forEach(e -> namedVolumes.add(e.getKey()));
        String artifactsVolume = null;
        for (Service service : Platform.SERVICES) {
            String where = COMPOSE + " [" + service.name() + "]";
            JsonNode svc = services.path(service.name());
            if (svc.isMissingNode()) {
                continue; // reported above
            }
            JsonNode build = svc.path("build");
            String context =
                    build.isTextual() ? build.asText() : build.path("context").asText("");
            if (!context.replaceFirst("^\\./", "").replaceFirst("/$", "").equals(service.name())) {
                errors.add(where + ": build context is '" + context + "', expected ./" + service.name());
            }
            if (!build.path("dockerfile").asText("").equals("src/main/docker/Dockerfile.jvm")) {
                errors.add(where + ": build dockerfile is '"
                        + build.path("dockerfile").asText("") + "', expected src/main/docker/Dockerfile.jvm");
            }

            Map<String, String> env = envOf(svc);
            for (String variable : service.requiredEnv()) {
                if (!env.containsKey(variable)) {
                    errors.add(where + ": environment variable " + variable + " is not set");
                }
            }
            checkComposeEnvValues(where, service, env, actual, errors);

            String artifactsRoot = env.get(Platform.ARTIFACTS_ROOT);
            String volume = null;
            for (JsonNode v : svc.path("volumes")) {
                String[] shortSyntax = v.asText("").split(":");
                String source =
                        v.isTextual() ? shortSyntax[0] : v.path("source").asText("");
                String target = v.isTextual()
                        ? (shortSyntax.length > 1 ? shortSyntax[1] : "")
                        : v.path("target").asText("");
                if (target.equals(artifactsRoot)) {
                    volume = source;
                }
            }
            if (volume == null || !namedVolumes.contains(volume)) {
                errors.add(where + ": the artifacts root " + artifactsRoot
                        + " must be a named volume shared by all services");
            } else if (artifactsVolume == null) {
                artifactsVolume = volume;
            } else if (!artifactsVolume.equals(volume)) {
                errors.add(where + ": mounts volume '" + volume + "' at the artifacts root, the others '"
                        + artifactsVolume + "'");
            }

            String healthcheck =
                    String.join(" ", textValues(svc.path("healthcheck").path("test")));
            if (!healthcheck.contains(":" + service.port() + Platform.HEALTH_READY)) {
                errors.add(where + ": healthcheck '" + healthcheck + "' should query :" + service.port()
                        + Platform.HEALTH_READY);
            }

            Set<String> mustWaitFor = new TreeSet<>(service.infrastructure());
            if (service.name().equals(Platform.GATEWAY)) {
                mustWaitFor.addAll(expected);
                mustWaitFor.remove(Platform.GATEWAY);
            }
            JsonNode dependsOn = svc.path("depends_on");
            for (String dependency : mustWaitFor) {
                String condition = dependsOn.path(dependency).path("condition").asText("");
                if (!condition.equals("service_healthy")) {
                    errors.add(where + ": depends_on " + dependency + " must have condition service_healthy"
                            + (condition.isEmpty() ? " (missing)" : " (is " + condition + ")"));
                }
            }
        }
        boolean published = false;
        for (JsonNode port : services.path(Platform.GATEWAY).path("ports")) {
            published |= port.isTextual()
                    ? port.asText().matches("(.*:)?8080:8080(/tcp)?")
                    : port.path("target").asInt() == 8080
                            && port.path("published").asText().equals("8080");
        }
        if (!published) {
            errors.add(COMPOSE + " [" + Platform.GATEWAY + "]: port 8080 must be published as 8080:8080");
        }
        return errors;
    }

    private static void checkComposeImage(JsonNode services, String name, String prefix, List<String> errors) {
        String image = services.path(name).path("image").asText("");
        if (!image.startsWith(prefix)) {
            errors.add(COMPOSE + " [" + name + "]: image is '" + image + "', expected " + prefix + "*");
        }
    }

    private static void checkComposeEnvValues(
            String where, Service service, Map<String, String> env, Set<String> composeServices, List<String> errors) {
        String bootstrap = env.get("KAFKA_BOOTSTRAP_SERVERS");
        if (bootstrap != null && !bootstrap.equals("kafka:9092")) {
            errors.add(where + ": KAFKA_BOOTSTRAP_SERVERS is '" + bootstrap + "', expected kafka:9092");
        }
        if (bootstrap != null
                && (!"SASL_PLAINTEXT".equals(env.get("KAFKA_SECURITY_PROTOCOL"))
                        || !String.valueOf(env.get("KAFKA_SASL_JAAS_CONFIG")).contains("password="))) {
            errors.add(
                    where
                            + ": Kafka without a login (KAFKA_SECURITY_PROTOCOL SASL_PLAINTEXT and KAFKA_SASL_JAAS_CONFIG; the compose broker requires one)");
        }
        String jdbc = env.get("QUARKUS_DATASOURCE_JDBC_URL");
        if (jdbc != null && !jdbc.equals("jdbc:postgresql://postgres:5432/fleetsynth")) {
            errors.add(where + ": QUARKUS_DATASOURCE_JDBC_URL is '" + jdbc
                    + "', expected jdbc:postgresql://postgres:5432/fleetsynth");
        }
        String redis = env.get("QUARKUS_REDIS_HOSTS");
        if (redis != null && !env.containsKey("QUARKUS_REDIS_PASSWORD")) {
            errors.add(where + ": Redis without QUARKUS_REDIS_PASSWORD (the compose Redis requires one)");
        }
        if (redis != null && !redis.equals("redis://redis:6379")) {
            errors.add(where + ": QUARKUS_REDIS_HOSTS is '" + redis + "', expected redis://redis:6379");
        }
        if (service.name().equals(Platform.GATEWAY)) {
            for (Service target : Platform.SERVICES) {
                String url = target.name().equals(Platform.GATEWAY) ? null : env.get(target.urlVariable());
                String problem = url == null ? null : urlProblem(url, target, composeServices::contains);
                if (problem != null) {
                    errors.add(where + ": " + target.urlVariable() + " is '" + url + "': " + problem);
                }
            }
        }
    }

    /** A compose service's environment, whether written as a map or as a list of NAME=value. */
    private static Map<String, String> envOf(JsonNode service) {
        Map<String, String> env = new LinkedHashMap<>();
        JsonNode environment = service.path("environment");
        if (environment.isArray()) {
            for (JsonNode entry : environment) {
                String text = entry.asText();
                int eq = text.indexOf('=');
                env.put(eq < 0 ? text : text.substring(0, eq), eq < 0 ? "" : text.substring(eq + 1));
            }
        } else {
            environment
                    .properties()
                    .forEach(e -> env.put(e.getKey(), e.getValue().asText()));
        }
        return env;
    }

    // ---------------------------------------------------------------- Dockerfiles

    static String dockerfile(String service, String name) {
        return service + "/src/main/docker/" + name;
    }

    List<String> dockerfiles() {
        List<String> errors = new ArrayList<>();
        for (Service service : Platform.SERVICES) {
            checkDockerfile(dockerfile(service.name(), "Dockerfile.jvm"), service, false, errors);
        }
        checkDockerfile(
                dockerfile(Platform.TRAINER, "Dockerfile.cuda"), Platform.service(Platform.TRAINER), true, errors);
        return errors;
    }

    private void checkDockerfile(String shown, Service service, boolean cuda, List<String> errors) {
        Path file = root.resolve(shown);
        if (!Files.isRegularFile(file)) {
            errors.add(shown + ": missing");
            return;
        }
        List<String[]> instructions = instructions(file);
        Map<String, String> args = new HashMap<>();
        String lastFrom = null;
        String lastUser = null;
        List<String> copies = new ArrayList<>();
        Set<String> exposed = new HashSet<>();
        String entry = "";
        String env = "";
        String runs = "";
        for (String[] instruction : instructions) {
            String op = instruction[0];
            String rest = instruction[1];
            switch (op) {
                case "ARG" -> {
                    Matcher m = Pattern.compile("^(\\w+)=(\\S+)").matcher(rest);
                    if (m.find()) {
                        args.put(m.group(1), m.group(2));
                    }
                }
                case "FROM" -> {
                    lastFrom = expand(rest.split("\\s+")[0], args);
                    lastUser = null;
                    copies.clear();
                }
                case "USER" -> lastUser = rest.trim();
                case "COPY" -> {
                    if (!rest.contains("--from=")) {
                        copies.add(rest);
                    }
                }
                case "EXPOSE" -> exposed.addAll(List.of(rest.trim().split("\\s+")));
                case "ENTRYPOINT", "CMD" -> entry += " " + rest;
                case "ENV" -> env += " " + rest;
                case "RUN" -> runs += " " + rest;
                default -> {
                    // other instructions carry no invariant
                }
            }
        }
        if (lastFrom == null) {
            errors.add(shown + ": has no FROM");
            return;
        }
        if (cuda) {
            if (!lastFrom.startsWith("nvidia/cuda:") || !lastFrom.contains("runtime")) {
                errors.add(shown + ": the final image is based on '" + lastFrom
                        + "', expected an nvidia/cuda:*-runtime-* image");
            }
            if (!runs.matches("(?s).*(openjdk-17-jre|temurin-17-jre).*")) {
                errors.add(shown + ": does not install a Java 17 JRE (openjdk-17-jre-headless)");
            }
            String text = read(file);
            if (!text.contains("-Pcuda")) {
                errors.add(shown + ": must say that the jar is built with the Maven profile cuda (-Pcuda)");
            }
            if (!env.contains("PYTORCH_LIBRARY_PATH") || !env.contains("PYTORCH_FLAVOR")) {
                errors.add(shown + ": must point DJL at the CUDA libtorch (PYTORCH_LIBRARY_PATH, PYTORCH_FLAVOR)");
            }
        } else if (!lastFrom.matches(".*(jre|jdk|openjdk).*17.*|.*17.*(jre|jdk).*")) {
            errors.add(shown + ": based on '" + lastFrom
                    + "', expected an OpenJDK 17 runtime image such as eclipse-temurin:17-jre");
        }
        String copied = String.join("\n", copies);
        boolean wholeDir = copies.stream().anyMatch(c -> c.matches("(?s).*\\btarget/quarkus-app/?(\\s|$).*"));
        for (String part : List.of("lib/", "app/", "quarkus/")) {
            if (!wholeDir && !copied.contains("target/quarkus-app/" + part)) {
                errors.add(shown + ": does not copy target/quarkus-app/" + part + " (Quarkus fast-jar layout)");
            }
        }
        if (!wholeDir
                && !copied.contains("target/quarkus-app/quarkus-run.jar")
                && !copied.contains("target/quarkus-app/*.jar")) {
            errors.add(shown + ": does not copy target/quarkus-app/quarkus-run.jar");
        }
        if (lastUser == null || lastUser.equals("root") || lastUser.startsWith("0")) {
            errors.add(shown + ": must switch to a non-root USER, found "
                    + (lastUser == null ? "none" : "'" + lastUser + "'"));
        }
        if (!exposed.contains(String.valueOf(service.port())) && !exposed.contains(service.port() + "/tcp")) {
            errors.add(shown + ": does not EXPOSE " + service.port());
        }
        if (!entry.contains("quarkus-run.jar")) {
            errors.add(shown + ": ENTRYPOINT/CMD does not run quarkus-run.jar");
        }
        if (!(entry + env).contains("MaxRAMPercentage")) {
            errors.add(shown + ": the JVM heap is not sized from the container (-XX:MaxRAMPercentage in JAVA_OPTS)");
        }
    }

    /** Dockerfile instructions as {KEYWORD, arguments}, continuation lines joined, comments dropped. */
    private static List<String[]> instructions(Path file) {
        List<String[]> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : read(file).split("\n")) {
            String trimmed = line.strip();
            if (trimmed.startsWith("#") || (trimmed.isEmpty() && current.length() == 0)) {
                continue;
            }
            if (trimmed.endsWith("\\")) {
                current.append(trimmed, 0, trimmed.length() - 1).append(' ');
                continue;
            }
            current.append(trimmed);
            String instruction = current.toString().strip();
            current.setLength(0);
            if (instruction.isEmpty()) {
                continue;
            }
            int space = instruction.indexOf(' ');
            String op = (space < 0 ? instruction : instruction.substring(0, space)).toUpperCase(java.util.Locale.ROOT);
            out.add(new String[] {op, space < 0 ? "" : instruction.substring(space + 1)});
        }
        return out;
    }

    private static String expand(String value, Map<String, String> args) {
        Matcher m = Pattern.compile("\\$\\{?(\\w+)}?").matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(args.getOrDefault(m.group(1), m.group())));
        }
        m.appendTail(out);
        return out.toString();
    }

    // ---------------------------------------------------------------- trainer-service cuda profile

    /** trainer-service/pom.xml: profile cuda keeps the CPU libtorch out of the runtime classpath. */
    List<String> cudaProfile() {
        List<String> errors = new ArrayList<>();
        String shown = "trainer-service/pom.xml";
        Path pom = root.resolve(shown);
        if (!Files.isRegularFile(pom)) {
            errors.add(shown + ": missing");
            return errors;
        }
        Element profile = null;
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            org.w3c.dom.Document xml = factory.newDocumentBuilder().parse(pom.toFile());
            NodeList profiles = xml.getElementsByTagName("profile");
            for (int i = 0; i < profiles.getLength(); i++) {
                Element p = (Element) profiles.item(i);
                if ("cuda".equals(childText(p, "id"))) {
                    profile = p;
                }
            }
        } catch (Exception e) {
            errors.add(shown + ": cannot be parsed: " + e.getMessage());
            return errors;
        }
        if (profile == null) {
            errors.add(shown + ": has no Maven profile with id cuda");
            return errors;
        }
        boolean excluded = false;
        NodeList exclusions = profile.getElementsByTagName("exclusion");
        for (int i = 0; i < exclusions.getLength(); i++) {
            Element exclusion = (Element) exclusions.item(i);
            excluded |= "ai.djl.pytorch".equals(childText(exclusion, "groupId"))
                    && "pytorch-native-cpu".equals(childText(exclusion, "artifactId"));
        }
        if (!excluded) {
            errors.add(shown + ": profile cuda does not exclude ai.djl.pytorch:pytorch-native-cpu");
        }
        NodeList dependencies = profile.getElementsByTagName("dependency");
        for (int i = 0; i < dependencies.getLength(); i++) {
            Element dependency = (Element) dependencies.item(i);
            String scope = childText(dependency, "scope");
            if ("pytorch-native-cpu".equals(childText(dependency, "artifactId")) && !"test".equals(scope)) {
                errors.add(shown + ": profile cuda puts pytorch-native-cpu on the runtime classpath (scope "
                        + (scope == null ? "compile" : scope) + "); only test scope is allowed");
            }
        }
        return errors;
    }

    private static String childText(Element parent, String tag) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(tag)) {
                return e.getTextContent().strip();
            }
        }
        return null;
    }

    // ---------------------------------------------------------------- helpers

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        }
    }

    private static String label(Doc doc, String key) {
        return doc.node().path("metadata").path("labels").path(key).asText("");
    }

    private static boolean isSubset(JsonNode subset, JsonNode of) {
        for (Map.Entry<String, JsonNode> e : subset.properties()) {
            if (!e.getValue().asText().equals(of.path(e.getKey()).asText(null))) {
                return false;
            }
        }
        return true;
    }

    private static List<String> textValues(JsonNode array) {
        List<String> values = new ArrayList<>();
        if (array.isTextual()) {
            values.add(array.asText());
        }
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    /** The manifests indexed by kind and name; a kind/name pair defined twice is an error. */
    private static final class Resources {

        private final Map<String, Map<String, Doc>> byKind = new HashMap<>();

        Resources(List<Doc> docs, List<String> errors) {
            for (Doc doc : docs) {
                Doc previous = byKind.computeIfAbsent(doc.kind(), k -> new LinkedHashMap<>())
                        .put(doc.name(), doc);
                if (previous != null) {
                    errors.add(doc.where() + ": defined twice (also in " + previous.file() + ")");
                }
            }
        }

        Optional<Doc> get(String kind, String name) {
            return Optional.ofNullable(byKind.getOrDefault(kind, Map.of()).get(name));
        }

        List<Doc> all(String kind) {
            return List.copyOf(byKind.getOrDefault(kind, Map.of()).values());
        }

        boolean hasService(String name) {
            return get("Service", name).isPresent();
        }
    }
}
