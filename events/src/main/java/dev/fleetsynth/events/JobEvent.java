package dev.fleetsynth.events;

import java.util.UUID;

/** An event about a job (a seed, a training or a generation run). */
public interface JobEvent {
    UUID jobId();

    Stage stage();
}
