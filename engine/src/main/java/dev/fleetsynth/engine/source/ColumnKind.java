package dev.fleetsynth.engine.source;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What a column holds, as profiling finds it; it decides how a model learns the column and how it is written back. */
public enum ColumnKind {
    /** Real numbers: learnt as continuous, written as doubles. */
    NUMBER,
    /** Whole numbers with more than two values: learnt as continuous, rounded back, written as 64-bit integers. */
    INTEGER,
    /** 0/1: learnt as two categories so the rate is kept, written as 64-bit integers. */
    FLAG,
    /** Text labels (a product type L/M/H): one-hot, written back as the same labels. */
    CATEGORY,
    /** Points in time: UTC, written as Parquet timestamps in microseconds. */
    TIMESTAMP,
    /** A different value on (nearly) every row, such as a serial number: never learnt. */
    IDENTIFIER;

    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Kinds a synthesizer learns as numbers (the rest are categories or not learnt). */
    public boolean numeric() {
        return this == NUMBER || this == INTEGER;
    }
}
