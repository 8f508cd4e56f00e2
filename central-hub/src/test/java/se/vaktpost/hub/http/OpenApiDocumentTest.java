package se.vaktpost.hub.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The OpenAPI document the hub serves, as the reference parser (swagger-parser) reads it. */
class OpenApiDocumentTest {
    private static SwaggerParseResult parsed;

    @BeforeAll
    static void parse() throws IOException {
        try (InputStream in = OpenApiDocumentTest.class.getResourceAsStream("/openapi.yaml")) {
            ParseOptions o = new ParseOptions();
            o.setResolve(true);
            parsed = new OpenAPIV3Parser().readContents(new String(in.readAllBytes(), StandardCharsets.UTF_8), null, o);
        }
    }

    @Test
    void theDocumentIsValidOpenApi() {
        assertThat(parsed.getMessages()).as("the parser's complaints").isEmpty();
        assertThat(parsed.getOpenAPI().getOpenapi()).startsWith("3.");
    }

    @Test
    void healthMetricsAndLoginArePublicAndEverythingElseNeedsSignInOrAToken() {
        OpenAPI api = parsed.getOpenAPI();
        assertThat(api.getSecurity()).as("a global requirement").isNotEmpty();
        for (String open : List.of("/health", "/health/live", "/health/ready", "/metrics")) {
            assertThat(api.getPaths().get(open).getGet().getSecurity()).as(open).isEmpty();
        }
        assertThat(api.getPaths().get("/api/login").getPost().getSecurity()).as("/api/login").isEmpty();
        assertThat(api.getPaths().get("/api/sites").getGet().getSecurity()).as("the global requirement applies").isNull();
    }

    @Test
    void everyOperationSaysWhatItAnswersWithASchema() {
        parsed.getOpenAPI().getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, op) -> {
            assertThat(op.getResponses()).as("%s %s", method, path).isNotEmpty();
            boolean described = op.getResponses().values().stream().anyMatch(r -> r.getContent() != null
                    && r.getContent().values().stream().anyMatch(m -> m.getSchema() != null));
            boolean noBody = op.getResponses().containsKey("204") || op.getResponses().containsKey("302");
            assertThat(described || noBody).as("%s %s has a response schema", method, path).isTrue();
        }));
    }

    /** Every route the Java code mounts is in the document, and nothing else. */
    @Test
    void theDocumentListsExactlyTheRoutesTheHubServes() throws IOException {
        Pattern route = Pattern.compile("\\br\\.(get|post|put|delete|patch)\\(\"(/[^\"]*)\"");
        Set<String> served = new TreeSet<>();
        try (Stream<Path> files = Files.list(Path.of("src/main/java/se/vaktpost/hub/http"))) {
            for (Path f : files.toList()) {
                Matcher m = route.matcher(Files.readString(f));
                while (m.find()) {
                    String path = m.group(2).replaceAll(":(\\w+)", "{$1}");
                    if (!path.contains("*")) {
                        served.add(m.group(1).toUpperCase() + " " + path);
                    }
                }
            }
        }
        Set<String> documented = new TreeSet<>();
        for (Map.Entry<String, PathItem> e : parsed.getOpenAPI().getPaths().entrySet()) {
            for (Map.Entry<PathItem.HttpMethod, Operation> op : e.getValue().readOperationsMap().entrySet()) {
                documented.add(op.getKey().name() + " " + e.getKey());
            }
        }
        assertThat(served).as("routes found in the code").hasSizeGreaterThan(40);
        assertThat(documented).isEqualTo(served);
    }
}
