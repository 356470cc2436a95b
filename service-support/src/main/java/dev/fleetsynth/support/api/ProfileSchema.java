package dev.fleetsynth.support.api;

import dev.fleetsynth.engine.profile.DegradationPattern;
import dev.fleetsynth.engine.profile.ProfileTree;
import dev.fleetsynth.engine.profile.ResponseCurve;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.media.Schema.SchemaType;

/**
 * A profile's document in the OpenAPI description: {@code Profile}, {@code ProfileSensor},
 * {@code ProfileFailureMode} and {@code ProfileRul} (prefixed: the seed service's ingest report has a
 * {@code Rul}). Profiles travel as documents, not as a Java record ({@link ProfileTree} maps between them),
 * so SmallRye cannot derive this schema: it is built here from {@link ProfileTree}'s own field lists and
 * the response and degradation enums' wire names, and a field added there without a type here fails the
 * OpenAPI document (and the service's test of it) rather than going undescribed.
 */
public class ProfileSchema implements OASFilter {
    private static final String STRING = "string";
    private static final String NUMBER = "number";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null) {
            openAPI.components(OASFactory.createComponents());
        }
        Schema parameter =
                OASFactory.createSchema().type(List.of(SchemaType.NUMBER, SchemaType.STRING, SchemaType.BOOLEAN));
        org.eclipse.microprofile.openapi.models.Components components = openAPI.getComponents();
        for (String name : List.of("Profile", "ProfileSensor", "ProfileFailureMode", "ProfileRul")) {
            if (components.getSchemas() != null && components.getSchemas().containsKey(name)) {
                // SmallRye names a record's schema by its simple name: one called so would be replaced unseen
                throw new IllegalStateException("a record's schema is named " + name + " too: rename one");
            }
        }
        components
                .addSchema(
                        "ProfileSensor",
                        object(
                                ProfileTree.SENSOR_FIELDS,
                                Map.of(
                                        "name", STRING,
                                        "unit", STRING,
                                        "type", STRING,
                                        "base", NUMBER,
                                        "range", NUMBER,
                                        "noise", NUMBER,
                                        "description", STRING),
                                Map.of("response", strings(ResponseCurve.wireNames())),
                                List.of("name", "unit", "base", "range", "noise")))
                .addSchema(
                        "ProfileFailureMode",
                        object(
                                ProfileTree.FAILURE_MODE_FIELDS,
                                Map.of("name", STRING, "weight", NUMBER, "description", STRING),
                                Map.of(
                                        "sensors",
                                        array(OASFactory.createSchema().type(List.of(SchemaType.STRING)))),
                                List.of("name", "sensors", "weight")))
                .addSchema(
                        "ProfileRul",
                        object(
                                ProfileTree.RUL_FIELDS,
                                Map.of("max_rul", NUMBER, "cycles", "integer", "rul_noise", NUMBER),
                                Map.of(
                                        "degradation_pattern",
                                        strings(List.of(DegradationPattern.values()).stream()
                                                .map(DegradationPattern::wireName)
                                                .toList())),
                                List.of("max_rul", "cycles", "degradation_pattern")))
                .addSchema(
                        "Profile",
                        object(
                                        ProfileTree.TOP_FIELDS,
                                        Map.of(
                                                "machine_id", STRING,
                                                "machine_type", STRING,
                                                "manufacturer", STRING,
                                                "model", STRING),
                                        Map.of(
                                                "sensors", array(ref("ProfileSensor")),
                                                "failure_modes", array(ref("ProfileFailureMode")),
                                                "operational_parameters",
                                                        OASFactory.createSchema()
                                                                .type(List.of(SchemaType.OBJECT))
                                                                .additionalPropertiesSchema(parameter),
                                                "rul", ref("ProfileRul")),
                                        List.of("machine_id", "machine_type", "sensors", "rul"))
                                .description("A machine profile as JSON, YAML and Excel profiles all read"));
    }

    /** An object schema with every field of {@code fields}: each must have a scalar type or a schema here. */
    private static Schema object(
            List<String> fields, Map<String, String> scalars, Map<String, Schema> others, List<String> required) {
        Schema s = OASFactory.createSchema().type(List.of(SchemaType.OBJECT));
        for (String field : fields) {
            if (scalars.containsKey(field)) {
                s.addProperty(
                        field,
                        OASFactory.createSchema()
                                .type(List.of(
                                        SchemaType.valueOf(scalars.get(field).toUpperCase()))));
            } else if (others.containsKey(field)) {
                s.addProperty(field, others.get(field));
            } else {
                throw new IllegalStateException("the profile field '" + field + "' has no type in ProfileSchema");
            }
        }
        s.required(new ArrayList<>(required));
        return s;
    }

    private static Schema strings(List<String> values) {
        return OASFactory.createSchema().type(List.of(SchemaType.STRING)).enumeration(new ArrayList<>(values));
    }

    private static Schema array(Schema items) {
        return OASFactory.createSchema().type(List.of(SchemaType.ARRAY)).items(items);
    }

    private static Schema ref(String name) {
        return OASFactory.createSchema().ref("#/components/schemas/" + name);
    }
}
