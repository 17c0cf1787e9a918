package org.dozvon.web;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class IdempotencyConfiguration {

    /** Right behind Spring Security's filter chain: the caller is known, and allowed to reach the API at all. */
    @Bean
    FilterRegistrationBean<IdempotencyKeyFilter> idempotencyKeyFilter(IdempotencyKeys keys, Problems problems,
                                                                      ObjectMapper objectMapper) {
        FilterRegistrationBean<IdempotencyKeyFilter> registration =
                new FilterRegistrationBean<>(new IdempotencyKeyFilter(keys, problems, objectMapper));
        registration.addUrlPatterns("/api/v1/*");
        registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER + 1);
        return registration;
    }
}
