package org.doorstep.seekers.seeker.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    @Bean
    OpenAPI seekersOpenApi() {
        return new OpenAPI()
                .info(new Info().title("Doorstep seekers-service").version("v1")
                        .description("Job-seeker profiles for mobile apps. Errors are RFC 9457 application/problem+json."))
                .components(new Components().addSecuritySchemes("seekerToken", new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")
                        .description("The token from POST /api/v1/seekers (or the OIDC provider's in production)")));
    }
}
