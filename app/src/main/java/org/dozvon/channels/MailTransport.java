package org.dozvon.channels;

import java.io.UnsupportedEncodingException;
import java.time.Clock;
import java.util.Date;
import java.util.Properties;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailException;
import org.springframework.mail.MailParseException;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/** Sends one plain-text e-mail through the mail server of the settings, with Spring's {@code JavaMailSender}. */
@Component
class MailTransport {

    private static final String TIMEOUT_MILLIS = "30000";

    private final SecretBox secrets;
    private final Clock clock;

    MailTransport(SecretBox secrets, Clock clock) {
        this.secrets = secrets;
        this.clock = clock;
    }

    /** The sender the settings describe; a new one per message, so that changed settings apply at once. */
    JavaMailSenderImpl sender(SmtpSettings settings) {
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost(settings.host());
        sender.setPort(settings.port());
        sender.setDefaultEncoding("UTF-8");
        Properties properties = new Properties();
        properties.setProperty("mail.smtp.connectiontimeout", TIMEOUT_MILLIS);
        properties.setProperty("mail.smtp.timeout", TIMEOUT_MILLIS);
        properties.setProperty("mail.smtp.writetimeout", TIMEOUT_MILLIS);
        properties.setProperty("mail.smtps.connectiontimeout", TIMEOUT_MILLIS);
        properties.setProperty("mail.smtps.timeout", TIMEOUT_MILLIS);
        properties.setProperty("mail.smtps.writetimeout", TIMEOUT_MILLIS);
        switch (settings.security()) {
            case STARTTLS -> {
                properties.setProperty("mail.smtp.starttls.enable", "true");
                properties.setProperty("mail.smtp.starttls.required", "true");
            }
            case SSL -> sender.setProtocol("smtps");
            case NONE -> {
            }
        }
        if (settings.username() != null && !settings.username().isBlank()) {
            sender.setUsername(settings.username());
            sender.setPassword(settings.sealedPassword() == null ? "" : secrets.open(settings.sealedPassword()));
            properties.setProperty("mail.smtp.auth", "true");
            properties.setProperty("mail.smtps.auth", "true");
        }
        sender.setJavaMailProperties(properties);
        return sender;
    }

    /**
     * @throws Undelivered when the server cannot be reached, refuses the login or the message
     */
    void send(SmtpSettings settings, String to, String subject, String text) {
        try {
            JavaMailSenderImpl sender = sender(settings);
            MimeMessage message = sender.createMimeMessage();
            MimeMessageHelper helper = new MimeMessageHelper(message, false, "UTF-8");
            helper.setFrom(new InternetAddress(settings.fromAddress(), blankToNull(settings.fromName()), "UTF-8"));
            helper.setTo(new InternetAddress(to, true));
            helper.setSubject(subject);
            helper.setText(text, false);
            helper.setSentDate(Date.from(clock.instant()));
            sender.send(message);
        } catch (SecretBox.Unreadable e) {
            throw new Undelivered(e.getMessage(), false, null, e);
        } catch (MailAuthenticationException e) {
            throw new Undelivered("The mail server " + settings.host() + ":" + settings.port()
                    + " refused the login of '" + settings.username() + "': " + rootMessage(e), false, null, e);
        } catch (MailParseException | AddressException e) {
            throw new Undelivered("The e-mail to " + to + " could not be written: "
                    + rootMessage(e), false, null, e);
        } catch (MailException e) {
            throw new Undelivered("The mail server " + settings.host() + ":" + settings.port()
                    + " did not take the e-mail to " + to + ": " + rootMessage(e), true, null, e);
        } catch (MessagingException | UnsupportedEncodingException e) {
            throw new Undelivered("The e-mail to " + to + " could not be written: "
                    + rootMessage(e), false, null, e);
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return message.strip();
    }
}
