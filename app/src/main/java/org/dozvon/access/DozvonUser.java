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
 */
public final class DozvonUser implements UserDetails, CredentialsContainer {

    private final long id;
    private final String username;
    private String passwordHash;
    private final String displayName;
    private final boolean enabled;
    private final boolean mustChangePassword;
    private final Set<String> roles;
    private final Set<Permission> permissions;
    private final List<GrantedAuthority> authorities;

    DozvonUser(long id, String username, String passwordHash, String displayName, boolean enabled,
               boolean mustChangePassword, Set<String> roles, Set<Permission> permissions) {
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

    public long id() {
        return id;
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
