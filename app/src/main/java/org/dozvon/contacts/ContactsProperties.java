package org.dozvon.contacts;

import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param defaultRegion ISO 3166 country whose national format a phone without a country code is read in
 *                      ({@code 8 (912) 345-67-89} with {@code RU} is {@code +79123456789})
 */
@Validated
@ConfigurationProperties("dozvon.contacts")
public record ContactsProperties(
        @DefaultValue("RU") @Pattern(regexp = "[A-Z]{2}", message = "DOZVON_DEFAULT_REGION must be a two-letter country code such as RU") String defaultRegion) {
}
