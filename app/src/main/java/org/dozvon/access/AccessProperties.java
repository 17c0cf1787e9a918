package org.dozvon.access;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.lang.Nullable;
import org.springframework.validation.annotation.Validated;

/**
 * @param adminPassword     password of the {@code admin} account created on the first start with an empty
 *                          database ({@code DOZVON_ADMIN_PASSWORD}); without it a random one is printed once
 *                          and must be changed at the first login
 * @param passwordMinLength the shortest password a local user may choose
 */
@Validated
@ConfigurationProperties("dozvon.access")
public record AccessProperties(
        @Nullable @Size(min = 8, message = "DOZVON_ADMIN_PASSWORD must have at least 8 characters") String adminPassword,
        @DefaultValue("8") @Min(8) @Max(128) int passwordMinLength) {

    public AccessProperties {
        // an empty DOZVON_ADMIN_PASSWORD means "not set", not "an empty password"
        adminPassword = adminPassword == null || adminPassword.isEmpty() ? null : adminPassword;
    }
}
