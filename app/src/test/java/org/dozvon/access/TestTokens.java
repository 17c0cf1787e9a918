package org.dozvon.access;

import java.util.Set;

import org.springframework.context.ApplicationContext;

/** Creates API tokens for tests, as the administrator does on Settings → API tokens. */
public final class TestTokens {

    private TestTokens() {
    }

    /**
     * A new token made by {@code admin} with exactly {@code permissions}; returns the string a client sends after
     * {@code Authorization: Bearer }. Names must be unique among the tokens not revoked.
     */
    public static String create(ApplicationContext context, String name, Permission... permissions) {
        return create(context, new NewApiToken(name, Set.of(permissions), null, null));
    }

    public static String create(ApplicationContext context, NewApiToken token) {
        DozvonUser admin = context.getBean(LocalUserDetailsService.class).loadUserByUsername("admin");
        ApiTokens.Creation creation = context.getBean(ApiTokens.class).create(admin, token);
        if (!creation.ok()) {
            throw new IllegalArgumentException("token refused: " + creation.violations());
        }
        return creation.secret();
    }
}
