package dev.fleetsynth.trainer.coordination;

import dev.fleetsynth.trainer.job.TrainingConfig;
import io.quarkus.redis.datasource.RedisDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.jboss.logging.Logger;

/**
 * Cancel requests as Redis keys: the REST call may reach any replica, the job runs on one of
 * them, and both see the same key.
 */
@ApplicationScoped
public class CancelFlags {
    private static final Logger LOG = Logger.getLogger(CancelFlags.class);

    @Inject
    RedisDataSource redis;

    @Inject
    TrainingConfig config;

    public static String key(UUID jobId) {
        return "fleetsynth:cancel:" + jobId;
    }

    public void request(UUID jobId) {
        redis.value(String.class).setex(key(jobId), config.cancelTtl().toSeconds(), "1");
    }

    public boolean requested(UUID jobId) {
        return redis.key().exists(key(jobId));
    }

    /**
     * The engine's cancellation check for one job. The training loop asks after every epoch, which
     * can be every few milliseconds, so Redis is asked at most every {@code cancel-check}; once
     * cancelled it stays cancelled. A Redis failure counts as "not cancelled": a short outage must
     * not kill a long training.
     */
    public BooleanSupplier watcher(UUID jobId) {
        long every = config.cancelCheck().toNanos();
        return new BooleanSupplier() {
            private long lastCheck = System.nanoTime() - every;
            private boolean cancelled;

            @Override
            public boolean getAsBoolean() {
                long now = System.nanoTime();
                if (!cancelled && now - lastCheck >= every) {
                    lastCheck = now;
                    try {
                        cancelled = requested(jobId);
                    } catch (RuntimeException e) {
                        LOG.warnf("could not look for a cancel request: %s", e.getMessage());
                    }
                }
                return cancelled;
            }
        };
    }
}
