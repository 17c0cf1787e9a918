package org.dozvon.channels;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Encrypts the secrets of the channel settings (the SMTP password) before they go into the database:
 * AES-256-GCM, the key being SHA-256 of {@code DOZVON_SECRET_KEY}, or a random key kept in
 * {@code DOZVON_SECRET_KEY_FILE} (made on first need, readable by its owner only). A database dump alone
 * then does not give the password away. Other modules seal their secrets with it too (a campaign's client-data
 * token), so one key protects every stored secret of the installation.
 */
@Component
public class SecretBox implements org.dozvon.access.SecretSealer {

    private static final String PREFIX = "v1:";
    private static final int IV_BYTES = 12;
    private static final Logger log = LoggerFactory.getLogger(SecretBox.class);

    private final ChannelsProperties properties;
    private final SecureRandom random = new SecureRandom();
    private volatile SecretKeySpec key;

    SecretBox(ChannelsProperties properties) {
        this.properties = properties;
    }

    /** The secret encrypted, as text for a JSON column. */
    public String seal(String secret) {
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key(), new GCMParameterSpec(128, iv));
            byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[iv.length + sealed.length];
            System.arraycopy(iv, 0, out, 0, iv.length);
            System.arraycopy(sealed, 0, out, iv.length, sealed.length);
            return PREFIX + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /**
     * The secret again.
     *
     * @throws Unreadable when it was sealed with another key (the key or its file changed)
     */
    public String open(String sealed) {
        if (sealed == null || !sealed.startsWith(PREFIX)) {
            throw new Unreadable();
        }
        try {
            byte[] in = Base64.getDecoder().decode(sealed.substring(PREFIX.length()));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key(), new GCMParameterSpec(128, in, 0, IV_BYTES));
            return new String(cipher.doFinal(in, IV_BYTES, in.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new Unreadable();
        }
    }

    private SecretKeySpec key() {
        SecretKeySpec current = key;
        if (current == null) {
            synchronized (this) {
                if (key == null) {
                    key = new SecretKeySpec(sha256(keyMaterial()), "AES");
                }
                current = key;
            }
        }
        return current;
    }

    private byte[] keyMaterial() {
        if (!properties.secretKey().isEmpty()) {
            return properties.secretKey().getBytes(StandardCharsets.UTF_8);
        }
        Path file = properties.secretKeyFile().toAbsolutePath();
        try {
            if (!Files.exists(file)) {
                byte[] fresh = new byte[32];
                random.nextBytes(fresh);
                Files.createDirectories(file.getParent());
                try {
                    if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                    } else {
                        Files.createFile(file);
                    }
                    Files.writeString(file, Base64.getEncoder().encodeToString(fresh));
                    log.info("Made a new secret key for stored passwords in {}; keep it with the database backups", file);
                } catch (FileAlreadyExistsException raced) {
                    // another thread or instance made it first: read theirs
                }
            }
            return Files.readString(file).strip().getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or make the secret key file " + file
                    + "; set DOZVON_SECRET_KEY or DOZVON_SECRET_KEY_FILE", e);
        }
    }

    private static byte[] sha256(byte[] material) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(material);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A stored secret that this installation's key cannot open. */
    public static class Unreadable extends RuntimeException {
        Unreadable() {
            super("The stored password cannot be decrypted with this installation's secret key (DOZVON_SECRET_KEY or "
                    + "its key file changed); type the password again in the settings");
        }
    }
}
