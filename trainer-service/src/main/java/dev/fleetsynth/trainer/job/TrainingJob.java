package dev.fleetsynth.trainer.job;

import dev.fleetsynth.support.jobs.JobRecord;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;

/** A training job: the request, where the training stands (updated as progress is reported) and its model. */
@Entity
@Table(name = "jobs")
public class TrainingJob extends JobRecord {
    public String seedId;
    public String seedPath;
    public int epochs;
    public int batchSize;
    public long randomSeed;
    public String pipeline;
    /** Epochs done. */
    public int epoch;
    /** Mean loss of the last epoch done; null before the first. */
    public Double loss;
    /** Done fraction, 0..1. */
    public double progress;

    public Long elapsedMs;
    public Long etaMs;
    /** Mean loss of every epoch done so far. */
    public double[] lossCurve;

    public String modelId;
    /** The replica working on the job; null while the request still waits in Kafka. */
    public String claimedBy;

    public Instant cancelRequestedAt;
}
