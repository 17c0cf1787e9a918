package org.dozvon.channels;

/**
 * What a message is about, kept with it in the journal; every part may be null.
 *
 * @param campaignId  the campaign the message belongs to
 * @param contactId   the contact it is sent to
 * @param businessKey the strategy process's business key ({@code campaignId:contactId})
 * @param sendKey     identifies one logical send across its retries, e.g. the process instance id, the
 *                    BPMN element id and the strategy's attempt counter. The same key means the same journal
 *                    row: a retry raises its attempt count, and once it is SENT a further call with that key
 *                    sends nothing again and answers the recorded result. Null: every call is a new message.
 */
public record MessageReference(Long campaignId, Long contactId, String businessKey, String sendKey) {

    /** No reference at all (a test send, a message sent by hand). */
    public static MessageReference none() {
        return new MessageReference(null, null, null, null);
    }
}
