package dev.fleetsynth.trainer.model;

import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A trained model as the API shows it; {@code path} is relative to the artifact store's root. */
@Schema(requiredProperties = {"model_id", "machine_id", "seed_id", "path", "epochs", "duration_ms", "created_at"})
public record ModelView(
        String modelId,
        String machineId,
        UUID jobId,
        String seedId,
        String path,
        int epochs,
        Double finalLoss,
        long durationMs,
        Instant createdAt,
        String kind,
        String source,
        Double realWeight) {

    static ModelView of(Model m) {
        return new ModelView(
                m.modelId,
                m.machineId,
                m.jobId,
                m.seedId,
                m.path,
                m.epochs,
                Double.isFinite(m.finalLoss) ? m.finalLoss : null,
                m.durationMs,
                m.createdAt,
                m.kind,
                m.source,
                m.realWeight);
    }
}
