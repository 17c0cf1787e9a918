package org.dozvon.channels;

/**
 * Sends notifications through SMS, e-mail and web requests from notification templates, recording
 * every attempt in the journal of sent messages.
 *
 * <p>Each method renders the template with the request's contact values, records the attempt, sends
 * synchronously, and records the outcome. Journal rows are written in transactions of their own, so a
 * rolled-back caller still leaves the record of what was (or was not) sent. A send that does not
 * succeed throws {@link ChannelSendException} after recording it as FAILED: call these methods from an
 * asynchronous job (a Camunda async continuation) so that the job's retries try again and the last
 * failure becomes an incident. A {@link SendRequest#dryRun() dry run} sends nothing and answers SIMULATED;
 * it still throws for mistakes that would make the real send fail (unknown template, bad recipient).
 */
public interface Channels {

    /**
     * Sends the SMS template {@code request.templateCode()} to the phone {@code request.recipient()}.
     *
     * @throws ChannelSendException when the template is unknown or not an SMS template, the phone is not E.164,
     *                              the gateway is not configured, unreachable, slow, or answers other than success
     */
    SendResult sendSms(SendRequest request);

    /**
     * Sends the e-mail template {@code request.templateCode()} to the address {@code request.recipient()}.
     *
     * @throws ChannelSendException when the template is unknown or not an e-mail template, the address is not
     *                              valid, the mail server is not configured, unreachable or refuses the message
     */
    SendResult sendEmail(SendRequest request);

    /**
     * Makes the web request of the template {@code request.templateCode()}; success is an HTTP 2xx answer.
     *
     * @throws ChannelSendException when the template is unknown or not a web-request template, the rendered URL
     *                              is not valid, or the peer is unreachable, slow or answers other than 2xx
     */
    SendResult callWebRequest(SendRequest request);

    /**
     * Sends later, reliably: the message is written to the outbox in the caller's transaction (so it is sent only
     * if the caller commits, and is not lost by a crash afterwards); a worker sends it within seconds and tries
     * again with growing pauses for about an hour. The reference's send key makes it one message: asking again
     * with the same key adds nothing.
     *
     * @param by who asks (a user name), kept with the message until it is sent
     * @throws IllegalArgumentException without a send key
     */
    void sendLater(Channel channel, SendRequest request, String by);

    /** Whether messages of the channel can leave: its gateway or mail server is set up (web requests always can). */
    boolean configured(Channel channel);

    /** The journal's messages to a contact, newest first (at most {@code limit}, 1–500). */
    java.util.List<SentMessage> sentTo(long contactId, int limit);

    /** The templates written for a channel, by name. */
    java.util.List<TemplateChoice> templates(Channel channel);

    /**
     * The text a template of the channel would send with these values (an e-mail's subject, a blank line and its
     * body), for showing it before sending; empty when there is no such template of that channel.
     */
    java.util.Optional<String> preview(Channel channel, String templateCode, java.util.Map<String, ?> attributes,
                                       String recipient);
}
