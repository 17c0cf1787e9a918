package org.dozvon.access;

/**
 * Encrypts a secret before it is stored (the LDAP bind password) and decrypts it again. Access only declares it:
 * the channels module, which depends on access, provides the installation's one implementation
 * ({@code org.dozvon.channels.SecretBox}, AES-256-GCM under {@code DOZVON_SECRET_KEY}), so every stored secret is
 * protected by one key without access depending on channels.
 */
public interface SecretSealer {

    /** The secret encrypted, as text. */
    String seal(String secret);

    /**
     * The secret again.
     *
     * @throws RuntimeException when it was sealed with another key
     */
    String open(String sealed);
}
