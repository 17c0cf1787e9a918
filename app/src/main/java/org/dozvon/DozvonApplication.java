package org.dozvon;

import java.time.Clock;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

@SpringBootApplication
@ConfigurationPropertiesScan
public class DozvonApplication {

    public static void main(String[] args) {
        SpringApplication.run(DozvonApplication.class, args);
    }

    /** The one source of "now" for every decision about time; tests replace it. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
