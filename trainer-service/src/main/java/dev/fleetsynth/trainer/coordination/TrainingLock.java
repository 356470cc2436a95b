package dev.fleetsynth.trainer.coordination;

import dev.fleetsynth.events.FailureCode;
import dev.fleetsynth.support.jobs.JobFailure;
import dev.fleetsynth.trainer.job.TrainingConfig;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.value.SetArgs;
import io.vertx.mutiny.redis.client.Response;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.jboss.logging.Logger;

/**
 * One training per machine at a time, across all replicas: a Redis key per machine, taken with
 * SET NX and an expiry, renewed while its holder trains, and removed only by its holder. The
 * expiry frees the machine when a replica dies mid-training.
 */
@ApplicationScoped
public class TrainingLock {
    private static final Logger LOG = Logger.getLogger(TrainingLock.class);

    // Compare-and-act in one step: between a GET and a PEXPIRE/DEL the key could expire and be
    // taken by another replica, whose lock we would then extend or remove.
    private static final String RENEW = "if redis.call('get', KEYS[1]) == ARGV[1] then "
            + "return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end";
    private static final String RELEASE =
            "if redis.call('get', KEYS[1]) == ARGV[1] then " + "return redis.call('del', KEYS[1]) else return 0 end";

    /** Tells replicas (and two runs of one job after a rebalance) apart. */
    private final String instance = System.getenv().getOrDefault("HOSTNAME", "trainer") + "-"
            + UUID.randomUUID().toString().substring(0, 8);

    private final ScheduledExecutorService renewals = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "training-lock-renewal");
        t.setDaemon(true);
        return t;
    });

    @Inject
    RedisDataSource redis;

    @Inject
    TrainingConfig config;

    public static String key(String machineId) {
        return "fleetsynth:lock:training:" + machineId;
    }

    /** The owner value a job's lock is held under by this replica. */
    public String owner(UUID jobId) {
        return jobId + "@" + instance;
    }

    /** Who holds the machine's lock, or null. */
    public String holder(String machineId) {
        return redis.value(String.class).get(key(machineId));
    }

    /**
     * Waits until the machine's lock is this job's, asking again every {@code lock-poll}; gives up
     * only when the job is cancelled meanwhile.
     */
    public Lease acquire(String machineId, UUID jobId, BooleanSupplier cancelled) throws InterruptedException {
        String owner = owner(jobId);
        boolean logged = false;
        while (true) {
            Lease lease = tryAcquire(machineId, owner);
            if (lease != null) {
                return lease;
            }
            if (cancelled.getAsBoolean()) {
                throw new JobFailure(
                        FailureCode.CANCELLED, "cancelled while waiting for the machine's running training to end");
            }
            if (!logged) {
                LOG.infof(
                        "machine %s is training (lock held by %s); job queued until it ends",
                        machineId, holder(machineId));
                logged = true;
            }
            Thread.sleep(config.lockPoll().toMillis());
        }
    }

    private Lease tryAcquire(String machineId, String owner) {
        long ttl = config.lockTtl().toMillis();
        boolean taken = redis.value(String.class)
                .setAndChanged(key(machineId), owner, new SetArgs().nx().px(ttl));
        if (!taken) {
            return null;
        }
        Lease lease = new Lease(key(machineId), owner);
        long every = Math.max(1, ttl / 3);
        lease.renewal = renewals.scheduleAtFixedRate(() -> lease.renew(ttl), every, every, TimeUnit.MILLISECONDS);
        return lease;
    }

    @PreDestroy
    void stop() {
        renewals.shutdownNow();
    }

    /** A held lock; closing it stops the renewal and frees the machine. */
    public final class Lease implements AutoCloseable {
        private final String key;
        private final String owner;
        private volatile ScheduledFuture<?> renewal;
        private volatile boolean lost;

        private Lease(String key, String owner) {
            this.key = key;
            this.owner = owner;
        }

        /** True once the lock expired and was no longer ours (another replica may be training this machine). */
        public boolean lost() {
            return lost;
        }

        private void renew(long ttlMs) {
            try {
                Response r = redis.execute("EVAL", RENEW, "1", key, owner, Long.toString(ttlMs));
                if (r == null || r.toLong() == 0) {
                    lost = true;
                    renewal.cancel(false);
                    LOG.errorf("lost the training lock %s (it expired before it was renewed); the training stops", key);
                }
            } catch (RuntimeException e) {
                // Redis away for a moment: the next renewal tries again well before the expiry.
                LOG.warnf("could not renew the training lock %s: %s", key, e.getMessage());
            }
        }

        @Override
        public void close() {
            ScheduledFuture<?> r = renewal;
            if (r != null) {
                r.cancel(false);
            }
            try {
                redis.execute("EVAL", RELEASE, "1", key, owner);
            } catch (RuntimeException e) {
                LOG.warnf(
                        "could not release the training lock %s (it expires by itself in %s): %s",
                        key, config.lockTtl(), e.getMessage());
            }
        }
    }
}
