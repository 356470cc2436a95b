package dev.fleetsynth.engine.source;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What a column is for in run-to-failure data. */
public enum Role {
    /** The asset or run a row belongs to (engine number, cycle of the simulator). */
    UNIT,
    /** The row's place in its unit's life: a timestamp or a counter such as flight cycles. */
    ORDER,
    /** Remaining useful life, in the order column's unit (hours for timestamps). */
    RUL,
    /** A 0/1 failure flag or event; also learnt as a feature. */
    FAILURE,
    /** A reading or setting the synthesizer learns. */
    FEATURE,
    /** Not learnt; written back as its constant (see {@link SourceSchema.Field#constant()}) or left out. */
    DROPPED;

    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }
}
