package dev.fleetsynth.engine.source;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fleetsynth.engine.parquet.ParquetTables;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The shape of a machine's training data (a <em>source</em>: a simulated seed, a user's real data, or
 * both merged) and of the synthetic data made from it: every column with its kind and role, the
 * order column's real step, and the unit RUL is counted in. It travels in the Parquet footer
 * ({@link #FOOTER_KEY}), so training, generation and quality read any source the same way, and
 * generated files keep the source's names, types and clock.
 *
 * @param machineId the machine the data belongs to
 * @param origin    where the rows came from
 * @param fields    every column of the file, in file order
 * @param order     the order column's clock, or {@code null} when rows have no order
 * @param rulUnit   what RUL is counted in ("hours", "cycles", ...): the order column's unit
 * @param rulCap    RUL values above this are written as this (piecewise-linear RUL), or {@code null}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SourceSchema(
        @JsonProperty("machine_id") String machineId,
        Origin origin,
        List<Field> fields,
        Order order,
        @JsonProperty("rul_unit") String rulUnit,
        @JsonProperty("rul_cap") Double rulCap) {

    /** Key of the schema's JSON in the Parquet footer. */
    public static final String FOOTER_KEY = "fleetsynth.schema";
    /** The name of the RUL column in files Fleetsynth writes, unless the source named its own. */
    public static final String RUL = "rul";

    private static final ObjectMapper JSON =
            new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /** Where rows came from. */
    public enum Origin {
        SIMULATED,
        REAL,
        MERGED,
        SYNTHETIC;

        @JsonValue
        public String json() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** How the order column counts. */
    public enum OrderKind {
        /** A number that grows by {@link Order#step()} per row, such as flight cycles. */
        COUNTER,
        /** UTC timestamps {@link Order#step()} seconds apart. */
        TIMESTAMP;

        @JsonValue
        public String json() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * @param column the order column
     * @param step   the typical step between rows of a unit: counter units, or seconds for timestamps
     * @param unit   what RUL derived from this order is counted in
     */
    public record Order(String column, OrderKind kind, double step, String unit) {
        public Order {
            Objects.requireNonNull(column, "column");
            Objects.requireNonNull(kind, "kind");
            if (!(step > 0) || !Double.isFinite(step)) {
                throw new IllegalArgumentException("order step must be positive, got " + step);
            }
        }

        /** One step in the unit RUL is counted in (hours for timestamps). */
        @JsonIgnore
        public double stepInRulUnits() {
            return kind == OrderKind.TIMESTAMP ? step / 3600.0 : step;
        }
    }

    /**
     * @param name     the column's name in the file
     * @param kind     what it holds
     * @param role     what it is for
     * @param unit     the physical unit, where the name or a profile gives one ("K", "rpm")
     * @param source   the column of the user's file it came from, when it was renamed by a mapping
     * @param constant for a dropped constant column, the value written on every row
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Field(String name, ColumnKind kind, Role role, String unit, String source, String constant) {
        public Field {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(role, "role");
        }

        public static Field of(String name, ColumnKind kind, Role role) {
            return new Field(name, kind, role, null, null, null);
        }

        /** Learnt by a synthesizer: readings, settings and the failure flag. */
        @JsonIgnore
        public boolean learnt() {
            return role == Role.FEATURE || role == Role.FAILURE;
        }
    }

    public SourceSchema {
        Objects.requireNonNull(machineId, "machineId");
        Objects.requireNonNull(origin, "origin");
        fields = List.copyOf(fields);
        Set<String> names = new HashSet<>();
        for (Field f : fields) {
            if (!names.add(f.name())) {
                throw new IllegalArgumentException("two columns are named " + f.name());
            }
        }
        for (Role single : List.of(Role.UNIT, Role.ORDER, Role.RUL)) {
            if (fields.stream().filter(f -> f.role() == single).count() > 1) {
                throw new IllegalArgumentException("more than one column has the role " + single.json());
            }
        }
        if (order != null
                && fields.stream()
                        .noneMatch(f -> f.role() == Role.ORDER && f.name().equals(order.column()))) {
            throw new IllegalArgumentException("the order " + order.column() + " is not a column with the order role");
        }
    }

    /** As {@link #simulated(String, List, double)} with hourly readings. */
    public static SourceSchema simulated(String machineId, List<String> sensorNames) {
        return simulated(machineId, sensorNames, 3600);
    }

    /**
     * The layout of the simulator's seeds and of the datasets made from them: {@code timestamp}
     * every {@code stepSeconds}, {@code machine_id}, {@code cycle} as the unit, {@code rul} in hours,
     * one number per sensor.
     */
    public static SourceSchema simulated(String machineId, List<String> sensorNames, double stepSeconds) {
        List<Field> fields = new ArrayList<>();
        fields.add(Field.of(ParquetTables.TIMESTAMP, ColumnKind.TIMESTAMP, Role.ORDER));
        fields.add(new Field(ParquetTables.MACHINE_ID, ColumnKind.CATEGORY, Role.DROPPED, null, null, machineId));
        fields.add(Field.of(ParquetTables.CYCLE, ColumnKind.INTEGER, Role.UNIT));
        fields.add(Field.of(ParquetTables.RUL, ColumnKind.NUMBER, Role.RUL));
        for (String s : sensorNames) {
            fields.add(Field.of(s, ColumnKind.NUMBER, Role.FEATURE));
        }
        return new SourceSchema(
                machineId,
                Origin.SIMULATED,
                fields,
                new Order(ParquetTables.TIMESTAMP, OrderKind.TIMESTAMP, stepSeconds, "hours"),
                "hours",
                null);
    }

    /** Whether this is the simulator's seed layout ({@link #simulated}), whose files and datasets keep their own format. */
    @JsonIgnore
    public boolean simulatedLayout() {
        return fields.equals(
                simulated(machineId, learnt().stream().map(Field::name).toList())
                        .fields());
    }

    public Optional<Field> field(String name) {
        return fields.stream().filter(f -> f.name().equals(name)).findFirst();
    }

    private Optional<Field> withRole(Role role) {
        return fields.stream().filter(f -> f.role() == role).findFirst();
    }

    @JsonIgnore
    public Optional<String> unitColumn() {
        return withRole(Role.UNIT).map(Field::name);
    }

    @JsonIgnore
    public Optional<String> rulColumn() {
        return withRole(Role.RUL).map(Field::name);
    }

    @JsonIgnore
    public Optional<String> failureColumn() {
        return withRole(Role.FAILURE).map(Field::name);
    }

    /** The columns a synthesizer learns, in file order. */
    @JsonIgnore
    public List<Field> learnt() {
        return fields.stream().filter(Field::learnt).toList();
    }

    /** Whether rows form run-to-failure histories: units, an order and RUL. */
    @JsonIgnore
    public boolean runToFailure() {
        return unitColumn().isPresent() && order != null && rulColumn().isPresent();
    }

    /** The same schema without the learnt columns not named in {@code names} (a model that learnt fewer columns). */
    public SourceSchema keepLearnt(java.util.Set<String> names) {
        return new SourceSchema(
                machineId,
                origin,
                fields.stream()
                        .filter(f -> !f.learnt() || names.contains(f.name()))
                        .toList(),
                order,
                rulUnit,
                rulCap);
    }

    public SourceSchema withOrigin(Origin newOrigin) {
        return new SourceSchema(machineId, newOrigin, fields, order, rulUnit, rulCap);
    }

    public SourceSchema withMachineId(String newMachineId) {
        return new SourceSchema(newMachineId, origin, fields, order, rulUnit, rulCap);
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static SourceSchema fromJson(String json) {
        try {
            return JSON.readValue(json, SourceSchema.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a Fleetsynth source schema: " + e.getOriginalMessage(), e);
        }
    }
}
