package dev.fleetsynth.events;

import java.time.Instant;
import java.util.UUID;

/**
 * An event on one of the platform's topics. Every event names itself ({@code event_id}, which
 * consumers use to drop redeliveries), when it happened and the machine it concerns (the record
 * key).
 */
public sealed interface FleetEvent
        permits MachineCreated,
                MachineDeleted,
                SeedRequested,
                SeedReady,
                TrainingRequested,
                TrainingProgress,
                ModelTrained,
                GenerationRequested,
                DatasetGenerated,
                JobFailed,
                DeadLetter {
    UUID eventId();

    Instant occurredAt();

    String machineId();

    /** The topic this kind of event is published on. */
    String topic();
}
