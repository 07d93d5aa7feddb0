package org.doorstep.matching.platform;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The API description: skill extraction is public; explanations and statistics are the operators' and auditors'. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    @Bean
    OpenAPI matchingApi() {
        return new OpenAPI()
                .info(new Info().title("Doorstep matching-service").version("v1")
                        .description("Skills and occupations from free text (public, rate limited); why a pair matches, "
                                + "and the operators' statistics. Errors are RFC 9457 application/problem+json."))
                .components(new Components().addSecuritySchemes("operatorToken", new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP).scheme("bearer").description("Operator or auditor token (local mode), "
                                + "or the identity provider's token with the role operator or auditor (OIDC mode)")));
    }

    /** Every operation but the public skill extraction asks for the operators' token. */
    @Bean
    OpenApiCustomizer operatorSecurity() {
        return openApi -> openApi.getPaths().forEach((path, item) -> {
            if (!path.startsWith("/api/v1/skills")) {
                item.readOperations().forEach(operation -> operation.addSecurityItem(new SecurityRequirement().addList("operatorToken")));
            }
        });
    }
}
