package org.dozvon.web;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

/**
 * Russian and English: the browser's language until the user picks one with {@code ?lang=ru|en},
 * which a cookie then remembers for a year.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class WebConfiguration implements WebMvcConfigurer {

    static final List<Locale> SUPPORTED = List.of(Locale.ENGLISH, Locale.forLanguageTag("ru"));

    @Bean
    LocaleResolver localeResolver() {
        CookieLocaleResolver resolver = new CookieLocaleResolver("dozvon-lang");
        resolver.setCookieMaxAge(Duration.ofDays(365));
        resolver.setDefaultLocaleFunction(request -> {
            for (var requested : java.util.Collections.list(request.getLocales())) {
                for (Locale supported : SUPPORTED) {
                    if (supported.getLanguage().equals(requested.getLanguage())) {
                        return supported;
                    }
                }
            }
            return Locale.ENGLISH;
        });
        return resolver;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        LocaleChangeInterceptor change = new LocaleChangeInterceptor();
        change.setParamName("lang");
        change.setIgnoreInvalidLocale(true);
        registry.addInterceptor(change);
    }
}
