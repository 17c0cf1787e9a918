package org.dozvon.access;

import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.springframework.security.core.CredentialsContainer;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/**
 * The logged-in user as Spring Security sees it: roles become {@code ROLE_<code>} authorities and
 * every permission of those roles an authority of its own name.
 *
 * <p>A call with an API token is made by a principal of this type too (see {@link #isApiToken()}), so that every
 * {@link RequiresPermission} check, every {@code @AuthenticationPrincipal DozvonUser} parameter and every
 * {@link Audit} record treats it alike: its name is {@code token:<token name>}, it holds no role and exactly the
 * token's permissions, and its {@link #id()} is the token's id negated, so that it never names a user (the
 * workplace finds an operator by user id).
 */
public final class DozvonUser implements UserDetails, CredentialsContainer {

    /** What an API token's principal name starts with, before the token's name. */
    public static final String API_TOKEN_PREFIX = "token:";

    private final long id;
    private final String username;
    private String passwordHash;
    private final String displayName;
    private final boolean enabled;
    private final boolean mustChangePassword;
    private final Set<String> roles;
    private final Set<Permission> permissions;
    private final List<GrantedAuthority> authorities;
    private final boolean apiToken;

    DozvonUser(long id, String username, String passwordHash, String displayName, boolean enabled,
               boolean mustChangePassword, Set<String> roles, Set<Permission> permissions) {
        this(id, username, passwordHash, displayName, enabled, mustChangePassword, roles, permissions, false);
    }

    private DozvonUser(long id, String username, String passwordHash, String displayName, boolean enabled,
                       boolean mustChangePassword, Set<String> roles, Set<Permission> permissions, boolean apiToken) {
        this.apiToken = apiToken;
        this.id = id;
        this.username = username;
        this.passwordHash = passwordHash;
        this.displayName = displayName;
        this.enabled = enabled;
        this.mustChangePassword = mustChangePassword;
        this.roles = Set.copyOf(roles);
        this.permissions = permissions.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(permissions));
        this.authorities = Stream.concat(
                        this.roles.stream().map(role -> "ROLE_" + role),
                        this.permissions.stream().map(Permission::name))
                .sorted()
                .<GrantedAuthority>map(SimpleGrantedAuthority::new)
                .toList();
    }

    /** The API token {@code tokenId} named {@code name} acting with exactly {@code permissions}. */
    static DozvonUser ofApiToken(long tokenId, String name, Set<Permission> permissions) {
        return new DozvonUser(-tokenId, API_TOKEN_PREFIX + name, null, name, true, false, Set.of(), permissions, true);
    }

    /** The user's id; for an API token, the token's id negated (no user has it). */
    public long id() {
        return id;
    }

    /** Whether this is an API token calling the API rather than a person or a service user. */
    public boolean isApiToken() {
        return apiToken;
    }

    public String displayName() {
        return displayName;
    }

    public boolean mustChangePassword() {
        return mustChangePassword;
    }

    public Set<String> roles() {
        return roles;
    }

    public Set<Permission> permissions() {
        return permissions;
    }

    public boolean has(Permission permission) {
        return permissions.contains(permission);
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return authorities;
    }

    @Override
    public String getPassword() {
        return passwordHash;
    }

    @Override
    public String getUsername() {
        return username;
    }

    @Override
    public boolean isEnabled() {
        return enabled;
    }

    @Override
    public void eraseCredentials() {
        passwordHash = null;
    }
}
