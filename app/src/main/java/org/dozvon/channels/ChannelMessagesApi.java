package org.dozvon.channels;

import java.time.Instant;
import java.util.List;

import org.dozvon.access.Permission;
import org.dozvon.access.RequiresPermission;
import org.dozvon.ApiCursor;
import org.dozvon.ApiPage;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/channel-messages}: the journal of sent messages, read-only. */
@RestController
@RequestMapping("/api/v1/channel-messages")
@RequiresPermission(Permission.NOTIFICATIONS_MANAGE)
class ChannelMessagesApi {

    private final MessageJournal journal;

    ChannelMessagesApi(MessageJournal journal) {
        this.journal = journal;
    }

    /** Messages newest first ({@link ApiPage}, keyset by id), of a channel, a status, a contact, a campaign. */
    @GetMapping
    ApiPage<MessageDto> list(@RequestParam(required = false) Channel channel,
                             @RequestParam(required = false) MessageStatus status,
                             @RequestParam(required = false) Long contactId, @RequestParam(required = false) Long campaignId,
                             @RequestParam(required = false) String cursor, @RequestParam(required = false) Integer limit) {
        int size = ApiPage.limit(limit);
        List<MessageJournal.Message> rows = journal.page(channel, status, contactId, campaignId,
                ApiCursor.decodeId(cursor), size + 1);
        return ApiPage.of(rows, size, m -> MessageDto.of(m, null), m -> new Object[] {m.id()});
    }

    /** One message with every attempt. */
    @GetMapping("/{id}")
    MessageDto get(@PathVariable long id) {
        MessageJournal.Message message = journal.find(id)
                .orElseThrow(() -> new NotificationTemplates.NotFound("message " + id));
        return MessageDto.of(message, journal.attempts(id).stream().map(AttemptDto::of).toList());
    }

    record MessageDto(long id, Channel channel, String templateCode, String recipient, String subject, String body,
                      MessageStatus status, int attempts, String error, Long campaignId, Long contactId,
                      String businessKey, String sendKey, boolean test, Instant createdAt, Instant updatedAt,
                      Instant sentAt, List<AttemptDto> attemptLog) {

        static MessageDto of(MessageJournal.Message m, List<AttemptDto> attemptLog) {
            return new MessageDto(m.id(), m.channel(), m.templateCode(), m.recipient(), m.subject(), m.body(), m.status(),
                    m.attempts(), m.error(), m.campaignId(), m.contactId(), m.businessKey(), m.sendKey(), m.test(),
                    m.createdAt(), m.updatedAt(), m.sentAt(), attemptLog);
        }
    }

    record AttemptDto(int attempt, MessageStatus status, String error, String response, Instant startedAt,
                      Instant finishedAt) {
        static AttemptDto of(MessageJournal.AttemptRecord a) {
            return new AttemptDto(a.attempt(), a.status(), a.error(), a.response(), a.startedAt(), a.finishedAt());
        }
    }
}
