package org.doorstep.postings.web;

import org.springframework.boot.webflux.autoconfigure.WebFluxRegistrations;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;

/** Boot's WebFlux set-up with {@link StrictPathIdMapping} as the request mapping. */
@Configuration(proxyBeanMethods = false)
class StrictPathIdConfiguration {

    @Bean
    WebFluxRegistrations strictPathIds() {
        return new WebFluxRegistrations() {
            @Override
            public RequestMappingHandlerMapping getRequestMappingHandlerMapping() {
                return new StrictPathIdMapping();
            }
        };
    }
}
