package dev.fleetsynth.engine.ingest;

import dev.fleetsynth.engine.profile.MachineProfile;
import java.util.List;

/**
 * What the user said about a file; every {@code null} is detected from the data.
 *
 * @param columns       names of the columns of a file without a header row
 * @param sheet         the workbook sheet to read (the first when {@code null})
 * @param unit          the unit or asset id column
 * @param order         the order column: a timestamp or a counter such as cycles
 * @param rul           a RUL column given in the file
 * @param rulFromEnd    every unit runs to failure at its last row: RUL counts down to it
 * @param rulCap        RUL above this is written as this (piecewise-linear RUL, e.g. 125)
 * @param failure       a 0/1 failure flag or event column: RUL counts down to each failure
 * @param profile       the machine profile to map columns onto; {@code null} derives a new one
 * @param mapping       a saved mapping to apply (the same shape of file as before)
 * @param holdoutUnits  share of the units held out from training, for early stopping and the utility check
 * @param missing       what happens to missing values
 * @param machineId     the machine the data belongs to; from the profile or the file's name when {@code null}
 * @param seed          seeds the choice of held-out units
 * @param maxBytes      larger files are refused before they are read
 */
public record IngestOptions(
        List<String> columns,
        String sheet,
        String unit,
        String order,
        String rul,
        boolean rulFromEnd,
        Double rulCap,
        String failure,
        MachineProfile profile,
        ColumnMapping mapping,
        double holdoutUnits,
        Missing missing,
        String machineId,
        long seed,
        long maxBytes) {

    public static final double DEFAULT_HOLDOUT = 0.2;
    public static final long DEFAULT_MAX_BYTES = 500L * 1024 * 1024;
    /** More columns than this are refused: no machine has that many sensors, and profiling would take long. */
    public static final int MAX_COLUMNS = 2_000;

    /** What happens to a missing value. */
    public enum Missing {
        /** Filled with the unit's last value before it (the first values of a unit with the next one); the default. */
        FILL,
        /** The row is dropped. */
        DROP
    }

    public IngestOptions {
        columns = columns == null ? null : List.copyOf(columns);
        missing = missing == null ? Missing.FILL : missing;
        if (!(holdoutUnits >= 0 && holdoutUnits < 1)) {
            throw new IllegalArgumentException("the held-out share must be in [0, 1), got " + holdoutUnits);
        }
        if (rulCap != null && !(rulCap > 0)) {
            throw new IllegalArgumentException("the RUL cap must be positive, got " + rulCap);
        }
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("the size limit must be positive, got " + maxBytes);
        }
    }

    /** Everything detected, 20 % of the units held out, missing values filled, 500 MB at most. */
    public static IngestOptions defaults() {
        return new IngestOptions(
                null,
                null,
                null,
                null,
                null,
                false,
                null,
                null,
                null,
                null,
                DEFAULT_HOLDOUT,
                Missing.FILL,
                null,
                42,
                DEFAULT_MAX_BYTES);
    }

    public IngestOptions withColumns(List<String> names) {
        return new IngestOptions(
                names,
                sheet,
                unit,
                order,
                rul,
                rulFromEnd,
                rulCap,
                failure,
                profile,
                mapping,
                holdoutUnits,
                missing,
                machineId,
                seed,
                maxBytes);
    }

    public IngestOptions withRoles(
            String unitColumn, String orderColumn, String rulColumn, boolean fromEnd, String failureColumn) {
        return new IngestOptions(
                columns,
                sheet,
                unitColumn,
                orderColumn,
                rulColumn,
                fromEnd,
                rulCap,
                failureColumn,
                profile,
                mapping,
                holdoutUnits,
                missing,
                machineId,
                seed,
                maxBytes);
    }

    public IngestOptions withRulCap(Double cap) {
        return new IngestOptions(
                columns,
                sheet,
                unit,
                order,
                rul,
                rulFromEnd,
                cap,
                failure,
                profile,
                mapping,
                holdoutUnits,
                missing,
                machineId,
                seed,
                maxBytes);
    }

    public IngestOptions withProfile(MachineProfile p) {
        return new IngestOptions(
                columns,
                sheet,
                unit,
                order,
                rul,
                rulFromEnd,
                rulCap,
                failure,
                p,
                mapping,
                holdoutUnits,
                missing,
                machineId,
                seed,
                maxBytes);
    }

    public IngestOptions withMapping(ColumnMapping m) {
        return new IngestOptions(
                columns,
                sheet,
                unit,
                order,
                rul,
                rulFromEnd,
                rulCap,
                failure,
                profile,
                m,
                holdoutUnits,
                missing,
                machineId,
                seed,
                maxBytes);
    }

    public IngestOptions withSheet(String s) {
        return new IngestOptions(
                columns,
                s,
                unit,
                order,
                rul,
                rulFromEnd,
                rulCap,
                failure,
                profile,
                mapping,
                holdoutUnits,
                missing,
                machineId,
                seed,
                maxBytes);
    }

    public IngestOptions withHoldout(double share, long randomSeed) {
        return new IngestOptions(
                columns,
                sheet,
                unit,
                order,
                rul,
                rulFromEnd,
                rulCap,
                failure,
                profile,
                mapping,
                share,
                missing,
                machineId,
                randomSeed,
                maxBytes);
    }

    public IngestOptions withMissing(Missing m) {
        return new IngestOptions(
                columns,
                sheet,
                unit,
                order,
                rul,
                rulFromEnd,
                rulCap,
                failure,
                profile,
                mapping,
                holdoutUnits,
                m,
                machineId,
                seed,
                maxBytes);
    }

    public IngestOptions withMachineId(String id) {
        return new IngestOptions(
                columns,
                sheet,
                unit,
                order,
                rul,
                rulFromEnd,
                rulCap,
                failure,
                profile,
                mapping,
                holdoutUnits,
                missing,
                id,
                seed,
                maxBytes);
    }

    public IngestOptions withMaxBytes(long bytes) {
        return new IngestOptions(
                columns,
                sheet,
                unit,
                order,
                rul,
                rulFromEnd,
                rulCap,
                failure,
                profile,
                mapping,
                holdoutUnits,
                missing,
                machineId,
                seed,
                bytes);
    }
}
