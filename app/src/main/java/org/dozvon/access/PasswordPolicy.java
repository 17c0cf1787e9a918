package org.dozvon.access;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.dozvon.Violation;

import org.springframework.context.support.DefaultMessageSourceResolvable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.lang.Nullable;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * The local password policy ({@code dozvon.access.password-min-length} and {@code dozvon.access.password.*}):
 * length, kinds of characters, no reuse of the last chosen passwords, expiry. Every password a user chooses
 * passes {@link #check}; passwords Dozvon makes up (first administrator, new user, reset) are temporary and
 * must be replaced at the first login anyway.
 */
@Component
class PasswordPolicy {

    /** The four kinds of characters, in the order the messages name them. */
    enum CharacterClass {
        LOWER, UPPER, DIGIT, OTHER;

        static CharacterClass of(int codePoint) {
            if (Character.isLowerCase(codePoint)) {
                return LOWER;
            }
            if (Character.isUpperCase(codePoint)) {
                return UPPER;
            }
            if (Character.isDigit(codePoint)) {
                return DIGIT;
            }
            return OTHER;
        }

        String messageKey() {
            return "password.class." + name().toLowerCase();
        }
    }

    private final AccessProperties properties;
    private final PasswordEncoder passwordEncoder;
    private final JdbcClient jdbc;
    private final Clock clock;

    PasswordPolicy(AccessProperties properties, PasswordEncoder passwordEncoder, JdbcClient jdbc, Clock clock) {
        this.properties = properties;
        this.passwordEncoder = passwordEncoder;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    int minLength() {
        return properties.passwordMinLength();
    }

    int minClasses() {
        return properties.password().minClasses();
    }

    /**
     * @param field       the form field the violations belong to
     * @param currentHash the hash of the user's present password, refused as the new one too
     * @return what the new password lacks: too short, the kinds of characters missing, reused
     */
    List<Violation> check(String field, long userId, @Nullable String currentHash, String newPassword) {
        List<Violation> violations = new ArrayList<>();
        if (newPassword.length() < minLength()) {
            violations.add(new Violation(field, "password.error.tooShort", minLength()));
        }
        List<CharacterClass> present = newPassword.codePoints().mapToObj(CharacterClass::of).distinct().toList();
        if (present.size() < minClasses()) {
            violations.add(new Violation(field, "password.error.classes", minClasses(), present.size()));
            for (CharacterClass missing : CharacterClass.values()) {
                if (!present.contains(missing)) {
                    violations.add(new Violation(field, "password.error.missing",
                            new DefaultMessageSourceResolvable(missing.messageKey())));
                }
            }
        }
        if (violations.isEmpty()) {
            if (currentHash != null && passwordEncoder.matches(newPassword, currentHash)) {
                violations.add(new Violation(field, "password.error.same"));
            } else if (recentHashes(userId).stream().anyMatch(hash -> passwordEncoder.matches(newPassword, hash))) {
                violations.add(new Violation(field, "password.error.reused", properties.password().history()));
            }
        }
        return violations;
    }

    /** Remembers a password the user chose and forgets those beyond the history's length. */
    void remember(long userId, String passwordHash) {
        int history = properties.password().history();
        jdbc.sql("insert into access_password_history (user_id, password_hash, changed_at) values (?, ?, ?)")
                .params(userId, passwordHash, java.sql.Timestamp.from(clock.instant())).update();
        jdbc.sql("""
                        delete from access_password_history where user_id = ? and id not in (
                            select id from access_password_history where user_id = ? order by id desc limit ?)""")
                .params(userId, userId, history).update();
    }

    /** Whether a password set at this moment has outlived {@code dozvon.access.password.expiry-days}. */
    boolean expired(@Nullable Instant passwordChangedAt) {
        int days = properties.password().expiryDays();
        return days > 0 && passwordChangedAt != null
                && passwordChangedAt.plus(Duration.ofDays(days)).isBefore(clock.instant());
    }

    private List<String> recentHashes(long userId) {
        int history = properties.password().history();
        if (history == 0) {
            return List.of();
        }
        return jdbc.sql("select password_hash from access_password_history where user_id = ? order by id desc limit ?")
                .params(userId, history).query(String.class).list();
    }
}
