package org.doorstep.notifications.platform;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityScheme;
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
                                .scheme("bearer").description("Partner API key dsk_<keyId>_<secret>")));
    }
}
