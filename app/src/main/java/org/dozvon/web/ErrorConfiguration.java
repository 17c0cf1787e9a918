package org.dozvon.web;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.web.ServerProperties;
import org.springframework.boot.autoconfigure.web.servlet.error.BasicErrorController;
import org.springframework.boot.autoconfigure.web.servlet.error.ErrorViewResolver;
import org.springframework.boot.web.servlet.error.ErrorAttributes;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ErrorConfiguration {

    @Bean
    BasicErrorController problemErrorController(ErrorAttributes errorAttributes, ServerProperties serverProperties,
                                                ObjectProvider<ErrorViewResolver> errorViewResolvers) {
        return new ProblemErrorController(errorAttributes, serverProperties.getError(),
                errorViewResolvers.orderedStream().toList());
    }
}
