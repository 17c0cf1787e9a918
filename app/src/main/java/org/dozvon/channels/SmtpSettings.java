package org.dozvon.channels;

/**
 * The mail server Dozvon sends e-mail through (manual section 4.2, "Настройки почты").
 *
 * @param security       NONE (plain SMTP), STARTTLS (upgrade required), SSL (SMTPS, usually port 465)
 * @param username       empty: no authentication
 * @param sealedPassword the password as {@link SecretBox} sealed it; null when none was given
 */
record SmtpSettings(String host, int port, Security security, String username, String sealedPassword,
                    String fromAddress, String fromName) {

    enum Security {
        NONE, STARTTLS, SSL
    }
}
