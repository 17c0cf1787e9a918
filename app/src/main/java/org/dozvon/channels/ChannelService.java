package org.dozvon.channels;

import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import org.dozvon.contacts.PhoneNumbers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;

/**
 * The {@link Channels} API and the settings pages' test sends: render, record the attempt, send,
 * record the outcome, and throw {@link ChannelSendException} for anything but success.
 */
@Service
class ChannelService implements Channels {

    private static final Logger log = LoggerFactory.getLogger(ChannelService.class);

    private final NotificationTemplates templates;
    private final MessageJournal journal;
    private final ChannelSettingsStore settings;
    private final MailTransport mail;
    private final HttpTransport http;
    private final SecretBox secrets;
    private final PhoneNumbers phoneNumbers;
    private final ChannelsProperties properties;
    private final Outbox outbox;
    private final Clock clock;

    ChannelService(NotificationTemplates templates, MessageJournal journal, ChannelSettingsStore settings,
                   MailTransport mail, HttpTransport http, SecretBox secrets, PhoneNumbers phoneNumbers,
                   ChannelsProperties properties, Outbox outbox, Clock clock) {
        this.outbox = outbox;
        this.clock = clock;
        this.templates = templates;
        this.journal = journal;
        this.settings = settings;
        this.mail = mail;
        this.http = http;
        this.secrets = secrets;
        this.phoneNumbers = phoneNumbers;
        this.properties = properties;
    }

    @Override
    public SendResult sendSms(SendRequest request) {
        return send(Channel.SMS, request);
    }

    @Override
    public SendResult sendEmail(SendRequest request) {
        return send(Channel.EMAIL, request);
    }

    @Override
    public SendResult callWebRequest(SendRequest request) {
        return send(Channel.WEB, request);
    }

    @Override
    public void sendLater(Channel channel, SendRequest request, String by) {
        Objects.requireNonNull(channel, "channel");
        if (request.reference().sendKey() == null || request.reference().sendKey().isBlank()) {
            throw new IllegalArgumentException("a message sent later needs a send key");
        }
        if (outbox.add(channel, request, by, clock.instant())) {
            log.info("{} '{}' to {} queued by {}", channel, request.templateCode(), request.recipient(), by);
        }
    }

    @Override
    public boolean configured(Channel channel) {
        return switch (channel) {
            case SMS -> settings.smsGateway().isPresent();
            case EMAIL -> settings.smtp().isPresent();
            case WEB -> true;
        };
    }

    @Override
    public List<SentMessage> sentTo(long contactId, int limit) {
        return journal.page(null, null, contactId, null, Math.max(1, Math.min(500, limit))).stream()
                .map(m -> new SentMessage(m.id(), m.channel(), m.templateCode(), m.status(), m.attempts(), m.error(),
                        m.sendKey(), m.createdAt(), m.sentAt()))
                .toList();
    }

    @Override
    public List<TemplateChoice> templates(Channel channel) {
        return templates.all(channel).stream().map(t -> new TemplateChoice(t.code(), t.name(), t.channel())).toList();
    }

    @Override
    public Optional<String> preview(Channel channel, String templateCode, Map<String, ?> attributes, String recipient) {
        return templates.findByCode(templateCode).filter(t -> t.channel() == channel).map(t -> {
            NotificationTemplates.Rendered rendered = NotificationTemplates.render(t,
                    NotificationTemplates.values(attributes == null ? Map.of() : attributes, recipient, MessageReference.none()));
            return switch (channel) {
                case EMAIL -> rendered.subject() + "\n\n" + rendered.body();
                case SMS -> rendered.body();
                case WEB -> rendered.method() + " " + rendered.url();
            };
        });
    }

    private SendResult send(Channel channel, SendRequest request) {
        Objects.requireNonNull(request, "request");
        String code = request.templateCode() == null ? null : request.templateCode().strip();
        String recipient = request.recipient() == null || request.recipient().isBlank() ? null : request.recipient().strip();
        NotificationTemplate template = templates.findByCode(code).orElse(null);
        if (template == null) {
            MessageJournal.Draft draft = new MessageJournal.Draft(channel, code, recipient, null, null, request.reference(), false);
            throw refuse(draft, "There is no notification template '" + code + "'");
        }
        if (template.channel() != channel) {
            MessageJournal.Draft draft = new MessageJournal.Draft(channel, code, recipient, null, null, request.reference(), false);
            throw refuse(draft, "The notification template '" + code + "' is for " + name(template.channel())
                    + ", not " + name(channel));
        }
        String problem = null;
        if (channel == Channel.SMS) {
            PhoneNumbers.Normalized phone = phoneNumbers.normalize(recipient == null ? "" : recipient);
            if (phone.valid()) {
                recipient = phone.e164();
            } else {
                problem = "'" + Objects.toString(recipient, "") + "' is not a phone number to send an SMS to: " + phone.problem();
            }
        } else if (channel == Channel.EMAIL) {
            problem = addressProblem(recipient);
        }
        NotificationTemplates.Rendered rendered = NotificationTemplates.render(template,
                NotificationTemplates.values(request.attributes(), recipient, request.reference()));
        MessageJournal.Draft draft = switch (channel) {
            case SMS -> new MessageJournal.Draft(channel, code, recipient, null, rendered.body(), request.reference(), false);
            case EMAIL -> new MessageJournal.Draft(channel, code, recipient, rendered.subject(), rendered.body(), request.reference(), false);
            case WEB -> new MessageJournal.Draft(channel, code, rendered.url(), rendered.method(), rendered.body(), request.reference(), false);
        };
        if (problem == null && channel == Channel.WEB) {
            problem = urlProblem(rendered.url());
        }
        if (problem != null) {
            throw refuse(draft, problem);
        }
        if (request.dryRun()) {
            MessageJournal.Attempt attempt = journal.begin(draft, MessageStatus.SIMULATED);
            if (attempt.previous() != null) {
                return result(attempt.previous(), null);
            }
            return new SendResult(attempt.messageId(), MessageStatus.SIMULATED, attempt.number(), draft.subject(), draft.body(), null);
        }
        String target = recipient;
        return deliver(draft, () -> switch (channel) {
            case SMS -> smsThroughGateway(gateway(), target, rendered.body());
            case EMAIL -> {
                mail.send(smtp(), target, rendered.subject(), rendered.body());
                yield null;
            }
            case WEB -> webRequest(rendered);
        });
    }

    /** A test e-mail of the mail settings page, recorded in the journal as a test. */
    SendResult testEmail(SmtpSettings smtp, String to, String subject, String text) {
        MessageJournal.Draft draft = new MessageJournal.Draft(Channel.EMAIL, null, to, subject, text, MessageReference.none(), true);
        String problem = addressProblem(to);
        if (problem != null) {
            throw refuse(draft, problem);
        }
        return deliver(draft, () -> {
            mail.send(smtp, to.strip(), subject, text);
            return null;
        });
    }

    /** A test SMS of the SMS gateway page, recorded in the journal as a test. */
    SendResult testSms(SmsGatewaySettings gateway, String phone, String text) {
        PhoneNumbers.Normalized normalized = phoneNumbers.normalize(phone == null ? "" : phone);
        MessageJournal.Draft draft = new MessageJournal.Draft(Channel.SMS, null,
                normalized.valid() ? normalized.e164() : phone, null, text, MessageReference.none(), true);
        if (!normalized.valid()) {
            throw refuse(draft, "'" + Objects.toString(phone, "") + "' is not a phone number to send an SMS to: " + normalized.problem());
        }
        return deliver(draft, () -> smsThroughGateway(gateway, normalized.e164(), text));
    }

    private interface Delivery {
        /** Sends; answers what the peer said (null for e-mail). */
        String run();
    }

    private SendResult deliver(MessageJournal.Draft draft, Delivery delivery) {
        MessageJournal.Attempt attempt = journal.begin(draft, MessageStatus.QUEUED);
        if (attempt.previous() != null) {
            log.info("{} message {} (send key {}) was sent before; not sending it again", draft.channel(),
                    attempt.messageId(), draft.reference().sendKey());
            return result(attempt.previous(), null);
        }
        try {
            String response = delivery.run();
            journal.sent(attempt, response);
            return new SendResult(attempt.messageId(), MessageStatus.SENT, attempt.number(), draft.subject(), draft.body(), response);
        } catch (Undelivered e) {
            journal.failed(attempt, e.getMessage(), e.response());
            log.warn("{} message {} attempt {} failed: {}", draft.channel(), attempt.messageId(), attempt.number(), e.getMessage());
            throw new ChannelSendException(draft.channel(), attempt.messageId(), e.getMessage(), e.retryable(), e);
        } catch (RuntimeException e) {
            String message = name(draft.channel()) + " to " + draft.recipient() + " failed: " + MailTransport.rootMessage(e);
            journal.failed(attempt, message, null);
            log.warn("{} message {} attempt {} failed", draft.channel(), attempt.messageId(), attempt.number(), e);
            throw new ChannelSendException(draft.channel(), attempt.messageId(), message, true, e);
        }
    }

    /** Records a send that cannot even be tried, and answers the exception to throw. */
    private ChannelSendException refuse(MessageJournal.Draft draft, String problem) {
        MessageJournal.Attempt attempt = journal.begin(draft, MessageStatus.QUEUED);
        if (attempt.previous() == null) {
            journal.failed(attempt, problem, null);
        }
        log.warn("{} message {} refused: {}", draft.channel(), attempt.messageId(), problem);
        return new ChannelSendException(draft.channel(), attempt.messageId(), problem, false, null);
    }

    private String smsThroughGateway(SmsGatewaySettings gateway, String e164, String text) {
        String secret;
        try {
            secret = gateway.sealedSecret() == null ? "" : secrets.open(gateway.sealedSecret());
        } catch (SecretBox.Unreadable e) {
            throw new Undelivered(e.getMessage(), false, null, e);
        }
        HttpTransport.Call call = SmsGateway.call(gateway, e164, text, secret);
        HttpTransport.Answer answer;
        try {
            answer = http.send(call);
        } catch (HttpTransport.NoAnswer e) {
            throw new Undelivered("SMS gateway did not answer for " + e164 + ": " + e.getMessage(), true, null, e);
        } catch (IllegalArgumentException e) {
            throw new Undelivered("SMS gateway request for " + e164 + " is not valid: " + e.getMessage(), false, null, e);
        }
        return SmsGateway.check(gateway, answer, e164);
    }

    private String webRequest(NotificationTemplates.Rendered rendered) {
        HttpTransport.Call call = new HttpTransport.Call(rendered.method(), rendered.url(), rendered.headers(),
                rendered.body(), properties.webRequestTimeout());
        String where = rendered.method() + " " + withoutQuery(rendered.url());
        HttpTransport.Answer answer;
        try {
            answer = http.send(call);
        } catch (HttpTransport.NoAnswer e) {
            throw new Undelivered("Web request " + where + " got no answer: " + e.getMessage(), true, null, e);
        } catch (IllegalArgumentException e) {
            throw new Undelivered("Web request " + where + " is not valid: " + e.getMessage(), false, null, e);
        }
        if (!answer.success()) {
            throw new Undelivered("Web request " + where + " answered " + answer.status() + SmsGateway.brief(answer.body()),
                    answer.worthRetrying(), answer.describe(), null);
        }
        return answer.describe();
    }

    private SmsGatewaySettings gateway() {
        return settings.smsGateway().orElseThrow(() ->
                new Undelivered("The SMS gateway is not configured (Settings → SMS gateway)", false, null, null));
    }

    private SmtpSettings smtp() {
        return settings.smtp().orElseThrow(() ->
                new Undelivered("The mail server is not configured (Settings → Mail)", false, null, null));
    }

    private static SendResult result(MessageJournal.Message message, String response) {
        return new SendResult(message.id(), message.status(), message.attempts(), message.subject(), message.body(), response);
    }

    static String addressProblem(String address) {
        if (address == null || address.isBlank()) {
            return "No e-mail address to send to";
        }
        try {
            new InternetAddress(address.strip(), true).validate();
            if (!address.contains("@")) {
                return "'" + address + "' is not an e-mail address";
            }
            return null;
        } catch (AddressException e) {
            return "'" + address + "' is not an e-mail address: " + e.getMessage();
        }
    }

    private static String urlProblem(String url) {
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                return "The web request's URL '" + url + "' is not an http(s) address with a host";
            }
            return null;
        } catch (java.net.URISyntaxException e) {
            return "The web request's URL is not valid: " + e.getMessage();
        }
    }

    static String withoutQuery(String url) {
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query);
    }

    private static String name(Channel channel) {
        return switch (channel) {
            case SMS -> "SMS";
            case EMAIL -> "e-mail";
            case WEB -> "web request";
        };
    }
}
