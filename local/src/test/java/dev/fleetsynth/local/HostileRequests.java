package dev.fleetsynth.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Requests no write endpoint may act on, generated from a fixed seed: malformed and hostile
 * bodies (wrong types, out-of-range numbers, unknown fields, traversal strings, bytes that are not
 * JSON, deep nesting), hostile ids in paths, wrong methods and content types, and bodies over the
 * size limit. Each one is wrong in at least one way its endpoint must notice, so none may write.
 */
final class HostileRequests {
    record Probe(String method, String path, String contentType, byte[] body, String what) {}

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<Object> BAD_COUNTS =
            List.of("x", 1.5, -1, -1_000_000, List.of(), Map.of(), true, 1e30, "", "1e3", 99_999_999_999L);
    private static final List<Object> BAD_SEEDS = List.of("x", 1.5, List.of(), Map.of("a", 1), true, 1e300);
    private static final List<Object> BAD_WORDS = List.of(
            "nope",
            5,
            List.of("auto"),
            Map.of(),
            "",
            "auto; DROP TABLE tasks",
            "x".repeat(5000),
            "\u0000",
            "../../etc/passwd");
    private static final List<Object> BAD_IDS = List.of(
            "../../etc/passwd",
            "not-a-uuid",
            List.of(),
            Map.of(),
            5,
            "",
            "%2e%2e%2f",
            "00000000-0000-0000-0000-00000000000g");
    private static final List<String> BAD_PATH_IDS = List.of(
            "x%2F..%2F..%2Fq%2Fhealth",
            "..",
            "%2e%2e",
            "A-B",
            "a",
            "x".repeat(300),
            "%00",
            "%F0%9F%92%A5",
            "pump%20one",
            "pump_e2e_001%3Fx%3D1",
            "%27%20OR%201%3D1",
            "%3Cscript%3E",
            "pump_e2e_001%2F..");
    private static final List<String> BAD_UUIDS =
            List.of("not-a-uuid", "123", "..%2F..", "00000000-0000-0000-0000-00000000000g", "%2e%2e%2f%2e%2e");

    /** One endpoint: its path (with {id} for a machine), method, and each field with values it must refuse. */
    private record Endpoint(String method, String path, Map<String, List<Object>> fields) {}

    private static final List<Endpoint> ENDPOINTS = List.of(
            new Endpoint(
                    "POST",
                    "/machines/{id}/seed",
                    Map.of("rows", BAD_COUNTS, "seed", BAD_SEEDS, "pipeline", BAD_WORDS)),
            new Endpoint(
                    "POST",
                    "/machines/{id}/train",
                    Map.of(
                            "epochs",
                            BAD_COUNTS,
                            "batch_size",
                            BAD_COUNTS,
                            "seed",
                            BAD_SEEDS,
                            "seed_id",
                            BAD_IDS,
                            "pipeline",
                            BAD_WORDS,
                            "model",
                            BAD_WORDS,
                            "strategy",
                            BAD_WORDS,
                            "base_model_id",
                            BAD_IDS,
                            "early_stop",
                            BAD_COUNTS)),
            new Endpoint(
                    "POST",
                    "/machines/{id}/generate",
                    Map.of(
                            "rows",
                            BAD_COUNTS,
                            "train_rows",
                            BAD_COUNTS,
                            "val_rows",
                            BAD_COUNTS,
                            "test_rows",
                            BAD_COUNTS,
                            "model_id",
                            BAD_IDS,
                            "seed",
                            BAD_SEEDS)),
            new Endpoint(
                    "POST",
                    "/machines/{id}/ingest",
                    Map.of(
                            "upload_id",
                            BAD_IDS,
                            "holdout_units",
                            BAD_COUNTS,
                            "missing",
                            BAD_WORDS,
                            "columns",
                            BAD_WORDS,
                            "pipeline",
                            BAD_WORDS)),
            new Endpoint(
                    "POST", "/batch/seed", Map.of("machine_ids", BAD_WORDS, "seed_rows", BAD_COUNTS, "all", BAD_WORDS)),
            new Endpoint(
                    "POST",
                    "/batch/train",
                    Map.of("machine_ids", BAD_WORDS, "epochs", BAD_COUNTS, "model", BAD_WORDS, "category", BAD_IDS)),
            new Endpoint(
                    "POST",
                    "/batch/generate",
                    Map.of("machine_ids", BAD_WORDS, "rows", BAD_COUNTS, "only_failed", BAD_WORDS)),
            new Endpoint("POST", "/uploads", Map.of("file_name", BAD_IDS, "bytes", BAD_COUNTS)),
            new Endpoint(
                    "POST",
                    "/keys",
                    Map.of("name", List.of(List.of(), Map.of(), "", "x".repeat(500)), "role", BAD_WORDS)),
            new Endpoint(
                    "POST",
                    "/users",
                    Map.of("username", BAD_IDS, "password", List.of(5, List.of(), "short"), "role", BAD_WORDS)));

    private HostileRequests() {}

    /** At least {@code n} probes; {@code machine} is an existing machine, the only one a body may name. */
    static List<Probe> generate(int n, String machine, long seed) {
        Random random = new Random(seed);
        List<Probe> probes = new ArrayList<>();
        // fixed cases: hostile ids in every machine path, methods, content types, sizes, non-JSON bodies
        for (String id : BAD_PATH_IDS) {
            for (String write : List.of("seed", "train", "generate", "ingest", "validate")) {
                probes.add(new Probe(
                        "POST", "/machines/" + id + "/" + write, "application/json", bytes("{}"), "machine id " + id));
            }
            probes.add(new Probe("DELETE", "/machines/" + id, null, null, "delete " + id));
            probes.add(new Probe("PUT", "/machines/" + id + "/profile", "application/json", bytes("{}"), "edit " + id));
            probes.add(new Probe("POST", "/machines/" + id + "/versions/1/restore", null, null, "restore under " + id));
        }
        for (String uuid : BAD_UUIDS) {
            probes.add(new Probe("POST", "/tasks/" + uuid + "/cancel", null, null, "cancel " + uuid));
            probes.add(new Probe(
                    "PUT",
                    "/uploads/" + uuid + "/chunks/0",
                    "application/octet-stream",
                    bytes("abc"),
                    "chunk of " + uuid));
            probes.add(new Probe(
                    "POST", "/uploads/" + uuid + "/preview", "application/json", bytes("{}"), "preview of " + uuid));
            probes.add(new Probe("DELETE", "/keys/" + uuid, null, null, "key " + uuid));
        }
        probes.add(new Probe("POST", "/machines/" + machine + "/versions/x/restore", null, null, "version x"));
        probes.add(new Probe("POST", "/machines/" + machine + "/versions/-1/restore", null, null, "version -1"));
        probes.add(new Probe("DELETE", "/machines/nobody_here_001", null, null, "a machine that does not exist"));
        for (String path : List.of("/machines", "/machines/" + machine + "/seed", "/batch/train", "/uploads")) {
            probes.add(new Probe("PATCH", path, "application/json", bytes("{}"), "PATCH"));
            probes.add(new Probe("POST", path, "application/xml", bytes("<rows>5</rows>"), "XML"));
            probes.add(new Probe("POST", path, "text/html", bytes("<script>alert(1)</script>"), "HTML"));
            probes.add(new Probe("POST", path, "application/json", new byte[12 * 1024 * 1024], "12 MB of zeros"));
        }
        // bodies that are not JSON, or JSON no parser should go into (a literal null is no body: the defaults, as
        // documented)
        List<byte[]> garbage = List.of(
                bytes("{"),
                bytes("{\"rows\": }"),
                bytes("[1,2,3]"),
                bytes("\"just a string\""),
                bytes("{\"rows\": 1" + "0".repeat(400) + "}"),
                bytes("[".repeat(5000) + "]".repeat(5000)),
                bytes("{\"a\":".repeat(3000) + "1" + "}".repeat(3000)),
                new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1, 2},
                bytes("{\"rows\": 1000, \"rows\": -5}"),
                bytes("\uFEFF{\"rows\": \"\u202Eevil\"}"));
        for (Endpoint e : ENDPOINTS) {
            for (byte[] g : garbage) {
                probes.add(new Probe(e.method(), path(e, machine), "application/json", g, "garbage body"));
            }
        }
        // random bodies: one to three fields, each given a value its field must refuse, sometimes with an unknown field
        while (probes.size() < n) {
            Endpoint e = ENDPOINTS.get(random.nextInt(ENDPOINTS.size()));
            List<String> names = new ArrayList<>(e.fields().keySet());
            Map<String, Object> body = new LinkedHashMap<>();
            int k = 1 + random.nextInt(Math.min(3, names.size()));
            for (int i = 0; i < k; i++) {
                String field = names.get(random.nextInt(names.size()));
                List<Object> bad = e.fields().get(field);
                body.put(field, bad.get(random.nextInt(bad.size())));
            }
            if (random.nextInt(4) == 0) {
                body.put(
                        List.of("rowz", "__proto__", "constructor", "machine_id\u0000", "Rows")
                                .get(random.nextInt(5)),
                        5);
            }
            probes.add(
                    new Probe(e.method(), path(e, machine), "application/json", json(body), "body " + body.keySet()));
        }
        return probes;
    }

    private static String path(Endpoint e, String machine) {
        return e.path().replace("{id}", machine);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] json(Object o) {
        try {
            return JSON.writeValueAsBytes(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
