package org.dozvon.channels;

import java.util.List;

import org.dozvon.access.Permission;
import org.dozvon.access.RequiresPermission;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Settings → Sent messages: the journal, newest first, by channel and status, and one message with its attempts. */
@Controller
@RequestMapping("/settings/channel-messages")
@RequiresPermission(Permission.NOTIFICATIONS_MANAGE)
class ChannelMessagesController {

    static final int PAGE = 50;

    private final MessageJournal journal;

    ChannelMessagesController(MessageJournal journal) {
        this.journal = journal;
    }

    @GetMapping
    String list(@RequestParam(required = false) Channel channel, @RequestParam(required = false) MessageStatus status,
                @RequestParam(required = false) Long before, Model model) {
        List<MessageJournal.Message> rows = journal.page(channel, status, null, before, PAGE + 1);
        boolean more = rows.size() > PAGE;
        List<MessageJournal.Message> shown = more ? rows.subList(0, PAGE) : rows;
        model.addAttribute("messages", shown);
        model.addAttribute("next", more ? shown.get(shown.size() - 1).id() : null);
        model.addAttribute("before", before);
        model.addAttribute("channel", channel);
        model.addAttribute("status", status);
        model.addAttribute("channels", Channel.values());
        model.addAttribute("statuses", MessageStatus.values());
        return "channels/messages";
    }

    @GetMapping("/{id}")
    String message(@PathVariable long id, Model model) {
        MessageJournal.Message message = journal.find(id)
                .orElseThrow(() -> new NotificationTemplates.NotFound("message " + id));
        model.addAttribute("message", message);
        model.addAttribute("attempts", journal.attempts(id));
        return "channels/message";
    }
}
