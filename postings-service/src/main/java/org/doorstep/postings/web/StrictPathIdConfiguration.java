package org.doorstep.postings.web;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.webflux.autoconfigure.WebFluxRegistrations;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.web.server.firewall.StrictServerWebExchangeFirewall;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;

/**
 * Boot's WebFlux set-up with {@link StrictPathIdMapping} as the request mapping, and the request firewall (the errors
 * package's {@code RequestFirewallConfiguration}, the same in every service) letting through an id in the path that
 * does not print (an encoded NUL, CR, LF, U+2028, U+2029): refusing it is {@link StrictPathIdMapping}'s, a 400
 * {@code validation} problem naming the variable (ExternalIdTest), not the firewall's bare 400 {@code bad-request}.
 */
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

    @Bean
    static BeanPostProcessor pathIdsThroughTheFirewall() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof StrictServerWebExchangeFirewall firewall) {
                    firewall.setAllowNull(true);
                    firewall.setAllowUrlEncodedCarriageReturn(true);
                    firewall.setAllowUrlEncodedLineFeed(true);
                    firewall.setAllowUrlEncodedLineSeparator(true);
                    firewall.setAllowUrlEncodedParagraphSeparator(true);
                }
                return bean;
            }
        };
    }
}
