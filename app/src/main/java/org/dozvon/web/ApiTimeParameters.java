package org.dozvon.web;

import java.text.ParseException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

import org.springframework.context.annotation.Configuration;
import org.springframework.format.Formatter;
import org.springframework.format.FormatterRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Times in query parameters ({@code ?from=2026-11-25T10:15:30+03:00}) are ISO-8601 with an offset, read as
 * {@link OffsetDateTime}; one without its offset is refused (422 naming the parameter). A {@code +} that reached the
 * server as a space (a URL written by hand, where {@code +} means a space) is read as the {@code +} it was meant to be.
 */
@Configuration(proxyBeanMethods = false)
class ApiTimeParameters implements WebMvcConfigurer {

    @Override
    public void addFormatters(FormatterRegistry registry) {
        registry.addFormatterForFieldType(OffsetDateTime.class, new OffsetTimeFormatter());
    }

    static final class OffsetTimeFormatter implements Formatter<OffsetDateTime> {

        @Override
        public OffsetDateTime parse(String text, Locale locale) throws ParseException {
            String value = text.strip().replace(' ', '+');
            try {
                return OffsetDateTime.parse(value, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
            } catch (DateTimeParseException e) {
                throw new ParseException(text, e.getErrorIndex());
            }
        }

        @Override
        public String print(OffsetDateTime time, Locale locale) {
            return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(time);
        }
    }
}
