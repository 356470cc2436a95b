package dev.fleetsynth.deploy;

import java.util.ArrayList;
import java.util.List;

/**
 * What the deployment files must agree with: the services, their ports and the configuration each
 * one reads (Quarkus maps these environment variables to its config keys), and the Kafka topics.
 * Written out here rather than read from the services' modules so that a change on either side
 * shows up as a failing check that names the file to fix.
 */
final class Platform {

    static final String NAMESPACE = "fleetsynth";
    static final String HEALTH_LIVE = "/q/health/live";
    static final String HEALTH_READY = "/q/health/ready";
    static final String TRAINER = "trainer-service";
    static final String GATEWAY = "gateway";
    static final String DB_PASSWORD = "QUARKUS_DATASOURCE_PASSWORD";
    static final String ARTIFACTS_ROOT = "FLEETSYNTH_ARTIFACTS_ROOT";
    static final int MIN_TOPIC_PARTITIONS = 6;

    /** The infrastructure containers of docker-compose.yml, beside the services. */
    static final List<String> COMPOSE_INFRASTRUCTURE = List.of("kafka", "postgres", "redis");

    static final List<String> TOPICS = List.of(
            "machine.created",
            "machine.deleted",
            "seed.requested",
            "seed.ready",
            "training.requested",
            "training.progress",
            "model.trained",
            "generation.requested",
            "dataset.generated",
            "job.failed",
            "dead.letter");

    /** The trainer's consumer group and the topics it consumes, which KEDA scales on. */
    static final String TRAINER_GROUP = "trainer-service";

    static final List<String> TRAINER_TOPICS = List.of("training.requested", "seed.ready");

    private static final List<String> BASE_ENV = List.of(
            "KAFKA_BOOTSTRAP_SERVERS",
            "QUARKUS_DATASOURCE_JDBC_URL",
            "QUARKUS_DATASOURCE_USERNAME",
            DB_PASSWORD,
            ARTIFACTS_ROOT);

    static final List<Service> SERVICES = List.of(
            new Service("profile-service", 8081, false, List.of()),
            new Service("seed-service", 8082, false, List.of()),
            new Service(TRAINER, 8083, true, List.of()),
            new Service("generator-service", 8084, true, List.of()),
            new Service(
                    GATEWAY,
                    8080,
                    true,
                    List.of(
                            "FLEETSYNTH_SERVICES_PROFILE_URL",
                            "FLEETSYNTH_SERVICES_SEED_URL",
                            "FLEETSYNTH_SERVICES_TRAINER_URL",
                            "FLEETSYNTH_SERVICES_GENERATOR_URL")));

    private Platform() {}

    static Service service(String name) {
        return SERVICES.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    /**
     * One service of the platform.
     *
     * @param needsRedis whether it talks to Redis (QUARKUS_REDIS_HOSTS)
     * @param extraEnv   variables only this service reads
     */
    record Service(String name, int port, boolean needsRedis, List<String> extraEnv) {

        List<String> requiredEnv() {
            List<String> env = new ArrayList<>(BASE_ENV);
            if (needsRedis) {
                env.add("QUARKUS_REDIS_HOSTS");
            }
            env.addAll(extraEnv);
            return env;
        }

        /** The infrastructure it needs up (and healthy) before it starts. */
        List<String> infrastructure() {
            return needsRedis ? COMPOSE_INFRASTRUCTURE : List.of("kafka", "postgres");
        }

        /** The gateway's variable that holds this service's URL, e.g. FLEETSYNTH_SERVICES_SEED_URL. */
        String urlVariable() {
            String stem = name.endsWith("-service") ? name.substring(0, name.length() - "-service".length()) : name;
            return "FLEETSYNTH_SERVICES_" + stem.toUpperCase(java.util.Locale.ROOT) + "_URL";
        }
    }
}
