package org.doorstep.notifications.platform;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The API description: seekers use their JWT, partners their API key, both as a bearer token. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    @Bean
    OpenAPI notificationApi() {
        return new OpenAPI()
                .info(new Info().title("Doorstep notification-service").version("v1")
                        .description("Seekers' match inbox and live stream (SSE); partner webhooks."))
                .components(new Components()
                        .addSecuritySchemes("seekerToken", new SecurityScheme().type(SecurityScheme.Type.HTTP)
                                .scheme("bearer").bearerFormat("JWT")
                                .description("Seeker token, accepted exactly as seekers-service accepts it (HS256 from seekers-service, "
                                        + "or the identity provider's token in OIDC mode); erased seekers are refused"))
                        .addSecuritySchemes("partnerKey", new SecurityScheme().type(SecurityScheme.Type.HTTP)
                                .scheme("bearer").description("Partner API key dsk_<keyId>_<secret>"))
                        .addSecuritySchemes("operatorToken", new SecurityScheme().type(SecurityScheme.Type.HTTP)
                                .scheme("bearer").description("Operator or auditor token (local mode), or the identity "
                                        + "provider's token with the role operator or auditor (OIDC mode)")));
    }

    /** Which scheme each operation asks for, by its path: seekers' own, partners' own, operators'. */
    @Bean
    OpenApiCustomizer securityByPath() {
        return openApi -> openApi.getPaths().forEach((path, item) -> {
            String scheme = path.startsWith("/api/v1/me") ? "seekerToken" : path.startsWith("/api/v1/partner/") ? "partnerKey"
                    : path.startsWith("/api/v1/operator") ? "operatorToken" : null;
            if (scheme != null) {
                item.readOperations().forEach(operation -> operation.addSecurityItem(new SecurityRequirement().addList(scheme)));
            }
        });
    }
}
