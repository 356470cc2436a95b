package dev.fleetsynth.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class OpenApiConformanceTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String DOCUMENT = """
            {"paths": {"/jobs": {"get": {"responses": {"200": {"content": {"application/json": {
              "schema": {"type": "array", "items": {"$ref": "#/components/schemas/Job"}}}}}}}}},
             "components": {"schemas": {
              "Job": {"type": "object", "required": ["id", "status", "loss"], "properties": {
                "id": {"type": "string"},
                "status": {"type": "string", "enum": ["queued", "done"]},
                "loss": {"type": ["number", "null"]},
                "epochs": {"type": "integer"},
                "error": {"$ref": "#/components/schemas/Error"},
                "cause": {"anyOf": [{"$ref": "#/components/schemas/Error"}, {"type": "null"}]}}},
              "Error": {"type": "object", "required": ["code"], "properties": {"code": {"type": "string"}}}}}}
            """;

    private static java.util.List<String> problems(String body) throws Exception {
        JsonNode document = JSON.readTree(DOCUMENT);
        return OpenApiConformance.problems(document, "GET", "/jobs", JSON.readTree(body));
    }

    @Test
    void aBodyAsTheDocumentSaysHasNoProblems() throws Exception {
        assertThat(problems("[{\"id\": \"j1\", \"status\": \"done\", \"loss\": null, \"epochs\": 3, \"error\": null}]"))
                .isEmpty();
    }

    @Test
    void eachDifferenceIsNamedWithWhereItIs() throws Exception {
        assertThat(problems("[{\"status\": \"lost\", \"loss\": 1.5, \"epochs\": 2.5, \"error\": {}}]"))
                .containsExactlyInAnyOrder(
                        "GET /jobs[0].id is required but absent",
                        "GET /jobs[0].status: 'lost' is not one of [\"queued\",\"done\"]",
                        "GET /jobs[0].epochs: number where the document says [integer]",
                        "GET /jobs[0].error.code is required but absent");
        assertThat(problems("[{\"id\": null, \"status\": \"done\", \"loss\": 0}]"))
                .containsExactly("GET /jobs[0].id is required but null");
        // a nullable reference (anyOf): null or the schema, nothing else
        assertThat(problems("[{\"id\": \"j\", \"status\": \"done\", \"loss\": 0, \"cause\": {\"code\": \"X\"}}]"))
                .isEmpty();
        assertThat(problems("[{\"id\": \"j\", \"status\": \"done\", \"loss\": 0, \"cause\": {}}]"))
                .containsExactly("GET /jobs[0].cause.code is required but absent");
        assertThat(problems("{}")).containsExactly("GET /jobs: object where the document says [array]");
        assertThat(OpenApiConformance.problems(JSON.readTree(DOCUMENT), "GET", "/nothing", JSON.readTree("{}")))
                .containsExactly("GET /nothing is not in the document");
    }
}
