package dev.fleetsynth.gateway.api;

import dev.fleetsynth.engine.profile.ProfileValidator;
import dev.fleetsynth.support.api.ApiException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.Provider;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Every id in a gateway path is checked once, here, before a request reaches a resource: a machine id
 * by the profile rules, every other id as the UUID it always is. The services' paths are built from
 * these parts, so an encoded slash or dot-dot ({@code x%2F..%2F..%2Fq%2Fmetrics}) can no longer walk
 * a forwarded request out of its resource into a service's internals; it is a 400 naming the part.
 */
@Provider
public class PathIds implements ContainerRequestFilter {
    static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    static final Pattern TEMPLATE = Pattern.compile("[a-z0-9_-]{1,64}");
    static final Pattern INDEX = Pattern.compile("[0-9]{1,9}");
    static final Pattern SPLIT = Pattern.compile("train|val|test");

    private record Rule(Pattern pattern, String what) {}

    private static final Rule MACHINE = new Rule(
            ProfileValidator.MACHINE_ID,
            "3 to 64 lower-case letters, digits and underscores, as in pump_ksb_etanorm_001");
    private static final Rule ID = new Rule(UUID, "a lower-case UUID, as the API returned it");
    private static final Map<String, Rule> RULES = Map.of(
            "seed",
            ID,
            "dataset",
            ID,
            "upload_id",
            ID,
            "name",
            new Rule(TEMPLATE, "a template name from GET /api/gan/templates"),
            "index",
            new Rule(INDEX, "a chunk number from 0"),
            "split",
            new Rule(SPLIT, "train, val or test"));

    @Override
    public void filter(ContainerRequestContext ctx) {
        MultivaluedMap<String, String> params = ctx.getUriInfo().getPathParameters(true);
        String path = ctx.getUriInfo().getPath();
        boolean machines = (path.startsWith("/") ? path.substring(1) : path).startsWith("api/gan/machines/");
        for (Map.Entry<String, List<String>> e : params.entrySet()) {
            Rule rule = e.getKey().equals("id") ? (machines ? MACHINE : ID) : RULES.get(e.getKey());
            if (rule == null) {
                continue;
            }
            for (String v : e.getValue()) {
                if (v == null || !rule.pattern().matcher(v).matches()) {
                    String field = e.getKey().equals("id") && machines ? "machine_id" : e.getKey();
                    ctx.abortWith(ApiException.badRequest(
                                    field,
                                    "'" + shown(v) + "' is not a valid " + field.replace('_', ' '),
                                    "use " + rule.what())
                            .toResponse());
                    return;
                }
            }
        }
    }

    /** The value as the error shows it: short, and without control characters. */
    public static String shown(String v) {
        if (v == null) {
            return "";
        }
        String clean = v.replaceAll("\\p{Cntrl}", "?");
        return clean.length() > 80 ? clean.substring(0, 80) + "..." : clean;
    }
}
