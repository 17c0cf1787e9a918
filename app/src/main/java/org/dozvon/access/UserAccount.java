package org.dozvon.access;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.MappedCollection;
import org.springframework.data.relational.core.mapping.Table;

/** A person or a service account that logs in to Dozvon. */
@Table("access_user")
class UserAccount {

    @Id
    private Long id;
    private String username;
    private String passwordHash;
    private String displayName;
    private boolean enabled;
    private boolean mustChangePassword;
    private Instant passwordChangedAt;
    private Instant createdAt;
    private Instant updatedAt;
    @Version
    private Integer version;
    /** LOCAL or LDAP (a domain account's shadow row, ldap branch); set by the database or DomainAccounts only. */
    @org.springframework.data.annotation.ReadOnlyProperty
    private String accountType;
    @MappedCollection(idColumn = "user_id")
    private Set<UserRole> roles = new HashSet<>();

    UserAccount() {
    }

    static UserAccount create(String username, String displayName, String passwordHash, boolean mustChangePassword,
                              Set<String> roleCodes, Instant now) {
        UserAccount user = new UserAccount();
        user.username = username;
        user.displayName = displayName;
        user.passwordHash = passwordHash;
        user.enabled = true;
        user.mustChangePassword = mustChangePassword;
        user.passwordChangedAt = now;
        user.createdAt = now;
        user.updatedAt = now;
        user.roles = roleCodes.stream().map(UserRole::new).collect(Collectors.toSet());
        return user;
    }

    void changePassword(String newPasswordHash, Instant now) {
        this.passwordHash = newPasswordHash;
        this.mustChangePassword = false;
        this.passwordChangedAt = now;
        this.updatedAt = now;
    }

    void describe(String displayName, Set<String> roleCodes, Instant now) {
        this.displayName = displayName;
        this.roles = roleCodes.stream().map(UserRole::new).collect(Collectors.toSet());
        this.updatedAt = now;
    }

    /** A password someone else chose (a reset): the user must replace it at the next login. */
    void resetPassword(String temporaryPasswordHash, Instant now) {
        this.passwordHash = temporaryPasswordHash;
        this.mustChangePassword = true;
        this.passwordChangedAt = now;
        this.updatedAt = now;
    }

    void enable(boolean enabled, Instant now) {
        this.enabled = enabled;
        this.updatedAt = now;
    }

    public Long id() {
        return id;
    }

    public String username() {
        return username;
    }

    String passwordHash() {
        return passwordHash;
    }

    public String displayName() {
        return displayName;
    }

    public boolean enabled() {
        return enabled;
    }

    /** A domain account (LDAP): no local password; it logs in as "Domain account" only. */
    public boolean domain() {
        return "LDAP".equals(accountType);
    }

    public boolean mustChangePassword() {
        return mustChangePassword;
    }

    Instant passwordChangedAt() {
        return passwordChangedAt;
    }

    public Set<String> roleCodes() {
        return roles.stream().map(UserRole::roleCode).collect(Collectors.toUnmodifiableSet());
    }

    @Table("access_user_role")
    record UserRole(String roleCode) {
    }
}
