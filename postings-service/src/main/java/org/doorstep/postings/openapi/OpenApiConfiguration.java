package org.doorstep.postings.openapi;

import java.util.Map;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/**
 * The OpenAPI document: the two bearer schemes, and every error an operation can answer, as RFC 9457
 * problems with examples (added to each operation by path, so no controller repeats them).
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    private static final String PROBLEM = "application/problem+json";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Bean
    OpenAPI postingsOpenApi() {
        return new OpenAPI()
                .info(new Info().title("Doorstep postings-service").version("v1")
                        .description("Partner job boards publish postings; operators manage partners and campaigns. "
                                + "Errors are RFC 9457 application/problem+json."))
                .components(new Components()
                        .addSecuritySchemes("partnerKey", new SecurityScheme().type(SecurityScheme.Type.HTTP)
                                .scheme("bearer").description("Partner API key: Bearer dsk_<keyId>_<secret>"))
                        .addSecuritySchemes("operatorToken", new SecurityScheme().type(SecurityScheme.Type.HTTP)
                                .scheme("bearer").description("Operator token or auditor token (local mode), or the identity provider's "
                                        + "token with the role operator or auditor (OIDC mode); auditors may only read"))
                        .addSchemas("Problem", problemSchema()));
    }

    @Bean
    OpenApiCustomizer problemResponses() {
        return openApi -> openApi.getPaths().forEach((path, item) -> {
            // the map of postings and the operators' own lists are the operators', whatever their prefix
            boolean operator = path.startsWith("/api/v1/partners") || path.startsWith("/api/v1/campaigns")
                    || path.startsWith("/api/v1/postings:locations") || path.startsWith("/api/v1/audit")
                    || path.startsWith("/api/v1/feed/keys");
            boolean partner = !operator && (path.startsWith("/api/v1/postings") || path.startsWith("/api/v1/feed/"));
            if (!partner && !operator) {
                return;
            }
            item.readOperationsMap().forEach((method, operation) -> {
                operation.addSecurityItem(new SecurityRequirement().addList(partner ? "partnerKey" : "operatorToken"));
                if (path.equals("/api/v1/campaigns") && "GET".equals(method.name())) {
                    // the list of campaigns: partners read it too, to tag postings (either credential)
                    operation.addSecurityItem(new SecurityRequirement().addList("partnerKey"));
                }
                var responses = operation.getResponses();
                responses.putIfAbsent("401", problem("Missing or invalid credentials", ApiExamples.UNAUTHORIZED_PROBLEM));
                responses.putIfAbsent("400", problem("Invalid request: every violation listed in errors[]",
                        ApiExamples.VALIDATION_PROBLEM));
                if (path.contains("{")) {
                    responses.putIfAbsent("404", problem("Not found (also for another partner's posting)",
                            ApiExamples.NOT_FOUND_PROBLEM));
                }
                if (operator) {
                    responses.putIfAbsent("403", problem("The credentials lack the role: changes need the operator",
                            ApiExamples.FORBIDDEN_PROBLEM));
                }
                if (partner) {
                    responses.putIfAbsent("429", problem("Rate limit exceeded; see Retry-After",
                            ApiExamples.RATE_LIMITED_PROBLEM));
                }
                if (partner && ("PUT".equals(method.name()) || "DELETE".equals(method.name()))) {
                    responses.putIfAbsent("412", problem("If-Match names a version that is not the current one",
                            ApiExamples.PRECONDITION_PROBLEM));
                }
                if (partner && "PUT".equals(method.name())) {
                    responses.putIfAbsent("413", problem("Body larger than the limit", ApiExamples.TOO_LARGE_PROBLEM));
                }
                if (path.equals("/api/v1/campaigns") && "POST".equals(method.name())) {
                    responses.putIfAbsent("409", problem("The campaign code exists", ApiExamples.CONFLICT_PROBLEM));
                }
            });
        });
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static Schema problemSchema() {
        Schema violation = new Schema<>().type("object")
                .addProperty("field", new Schema<>().type("string").description("JSON path, e.g. salary.min"))
                .addProperty("reason", new Schema<>().type("string"));
        return new Schema<>().type("object").description("RFC 9457 problem detail")
                .addProperty("type", new Schema<>().type("string").format("uri"))
                .addProperty("title", new Schema<>().type("string"))
                .addProperty("status", new Schema<>().type("integer"))
                .addProperty("detail", new Schema<>().type("string"))
                .addProperty("instance", new Schema<>().type("string"))
                .addProperty("errors", new Schema<>().type("array").items(violation));
    }

    @SuppressWarnings("rawtypes")
    private static ApiResponse problem(String description, String example) {
        Schema schema = new Schema<>().$ref("#/components/schemas/Problem");
        Object value = JSON.readValue(example, Map.class);
        return new ApiResponse().description(description).content(new Content().addMediaType(PROBLEM,
                new MediaType().schema(schema).addExamples("problem", new Example().value(value))));
    }
}
