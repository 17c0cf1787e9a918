package org.dozvon.agents;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.dozvon.Violation;
import org.dozvon.access.DozvonUser;
import org.dozvon.access.Permission;
import org.dozvon.access.RequiresPermission;
import org.dozvon.campaigns.Callback;
import org.dozvon.campaigns.CallbackType;
import org.dozvon.campaigns.Callbacks;
import org.dozvon.campaigns.CampaignSettings;
import org.dozvon.campaigns.CampaignView;
import org.dozvon.campaigns.Campaigns;
import org.dozvon.campaigns.CodeGroup;
import org.dozvon.campaigns.CompletionCode;
import org.dozvon.campaigns.CompletionCodes;
import org.dozvon.campaigns.Script;
import org.dozvon.campaigns.Scripts;
import org.dozvon.channels.Channel;
import org.dozvon.channels.Channels;
import org.dozvon.channels.MessageReference;
import org.dozvon.channels.SendRequest;
import org.dozvon.contacts.ContactCards;
import org.dozvon.contacts.ContactLists;
import org.dozvon.contacts.ContactSelections;
import org.dozvon.contacts.DncLists;
import org.dozvon.contacts.FieldAccess;
import org.dozvon.contacts.ListSchema;
import org.dozvon.contacts.ShownFields;
import org.dozvon.dialing.CallRecord;
import org.dozvon.dialing.CallRecords;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The operator workplace (ARM): one page of its own, whose panel ({@code /arm/panel}) shows the operator's state and
 * what it works on — the phone to log in from, a waiting screen, the contact card of a preview or a call, the
 * wrap-up form — and is fetched again whenever the state changes (an SSE nudge from {@link ArmNotifier}). Every
 * action answers with the panel.
 */
@Controller
class ArmController {

    private static final int HISTORY = 10;
    private static final int TODAY = 50;
    private static final int CALLBACKS = 20;

    private final Operators operators;
    private final AgentsProperties properties;
    private final CallRecords calls;
    private final ContactCards cards;
    private final ContactLists lists;
    private final Campaigns campaigns;
    private final CompletionCodes codes;
    private final ContactSelections selections;
    private final DncLists dnc;
    private final Clock clock;
    private final Scripts scripts;
    private final Callbacks callbacks;
    private final Channels channels;
    private final FieldAccess fieldAccess;

    ArmController(Operators operators, AgentsProperties properties, CallRecords calls, ContactCards cards,
                  ContactLists lists, Campaigns campaigns, CompletionCodes codes, ContactSelections selections,
                  DncLists dnc, Clock clock, Scripts scripts, Callbacks callbacks, Channels channels,
                  FieldAccess fieldAccess) {
        this.channels = channels;
        this.callbacks = callbacks;
        this.fieldAccess = fieldAccess;
        this.selections = selections;
        this.dnc = dnc;
        this.scripts = scripts;
        this.operators = operators;
        this.properties = properties;
        this.calls = calls;
        this.cards = cards;
        this.lists = lists;
        this.campaigns = campaigns;
        this.codes = codes;
        this.clock = clock;
    }

    @GetMapping("/arm")
    @RequiresPermission(Permission.WORKPLACE_USE)
    String workplace(@AuthenticationPrincipal DozvonUser user, Model model) {
        panelModel(user, model, null);
        return "arm/workplace";
    }

    @GetMapping("/arm/panel")
    @RequiresPermission(Permission.WORKPLACE_USE)
    String panel(@AuthenticationPrincipal DozvonUser user, Model model) {
        return panel(user, model, null);
    }

    @PostMapping("/arm/login")
    @RequiresPermission(Permission.WORKPLACE_USE)
    String logIn(@AuthenticationPrincipal DozvonUser user, @RequestParam(required = false) String endpoint, Model model) {
        Optional<OperatorView> operator = operators.ofUser(user.id());
        String problem = operator.map(o -> switch (operators.logIn(o.id(), endpoint)) {
            case DONE, ALREADY -> null;
            case PHONE_IN_USE -> "arm.error.phoneInUse";
            case BAD_PHONE -> "arm.error.phone";
        }).orElse(null);
        return panel(user, model, problem);
    }

    @PostMapping("/arm/state")
    @RequiresPermission(Permission.WORKPLACE_USE)
    String state(@AuthenticationPrincipal DozvonUser user, @RequestParam OperatorState state,
                 @RequestParam(required = false) String reason, Model model) {
        String problem = null;
        if (state.holdsCall()) {
            problem = "operators.error.state";
        } else {
            Optional<OperatorView> operator = operators.ofUser(user.id());
            if (operator.isPresent()) {
                String pause = reason != null && properties.pauseReasons().contains(reason) ? reason : null;
                if (operators.changeState(operator.get().id(), state, pause) == Operators.StateChange.NO_PHONE) {
                    problem = "operators.noPhone";
                }
            }
        }
        return panel(user, model, problem);
    }

    @PostMapping("/arm/messages/{id}/read")
    @RequiresPermission(Permission.WORKPLACE_USE)
    String read(@AuthenticationPrincipal DozvonUser user, @org.springframework.web.bind.annotation.PathVariable long id,
                Model model) {
        operators.ofUser(user.id()).ifPresent(operator -> operators.markRead(operator.id(), id));
        return panel(user, model, null);
    }

    @PostMapping("/arm/dial-now")
    @RequiresPermission(Permission.WORKPLACE_USE)
    String dialNow(@AuthenticationPrincipal DozvonUser user, Model model) {
        operators.ofUser(user.id()).ifPresent(operator -> operators.dialNow(operator.id()));
        return panel(user, model, null);
    }

    @PostMapping("/arm/skip")
    @RequiresPermission(Permission.WORKPLACE_USE)
    String skip(@AuthenticationPrincipal DozvonUser user, @RequestParam(required = false) String code, Model model) {
        Optional<OperatorView> operator = operators.ofUser(user.id());
        String problem = null;
        if (code == null || code.isBlank()) {
            problem = "arm.error.skipCode";
        } else if (operator.isPresent() && !offered(campaignOf(operator.get())).stream().anyMatch(c -> c.code().equals(code))) {
            problem = "arm.error.code";
        } else if (operator.isPresent() && !operators.skipPreview(operator.get().id(), code)) {
            problem = "arm.error.notPreviewing";
        }
        return panel(user, model, problem);
    }

    /**
     * Ends the wrap-up: the code is mandatory and must be one the campaign offers; the callback is "in 30 min,
     * 1 h, 2 h, 3 h" or a date-time in the future; the answers to the campaign's script ({@code answer_<key>})
     * must answer its mandatory questions with answers of their types, and are stored before the wrap-up ends.
     * A refusal shows the panel again with what was typed.
     */
    @PostMapping("/arm/wrap-up")
    @RequiresPermission(Permission.WORKPLACE_USE)
    String wrapUp(@AuthenticationPrincipal DozvonUser user, @RequestParam(required = false) String code,
                  @RequestParam(required = false) String comment, @RequestParam(required = false) String callback,
                  @RequestParam(required = false) String callbackAt,
                  @RequestParam(defaultValue = "STANDARD") CallbackType callbackType,
                  @RequestParam(required = false) String smsTemplate, @RequestParam(required = false) String emailTemplate,
                  @RequestParam(required = false) Long doNotCallList, @RequestParam Map<String, String> params,
                  Model model) {
        Map<String, String> answers = Scripts.answersIn(params);
        model.addAttribute("answers", answers);
        model.addAttribute("typedCode", code);
        model.addAttribute("typedComment", comment);
        Optional<OperatorView> found = operators.ofUser(user.id())
                .filter(o -> o.state() == OperatorState.WRAP_UP && o.attemptId() != null);
        if (found.isEmpty()) {
            return panel(user, model, "arm.error.notWrappingUp");
        }
        OperatorView operator = found.get();
        Optional<CampaignView> campaign = campaignOf(operator);
        List<CompletionCode> offered = offered(campaign);
        if (!offered.isEmpty() && (code == null || code.isBlank())) {
            return panel(user, model, "arm.error.codeRequired");
        }
        if (!offered.isEmpty() && offered.stream().noneMatch(c -> c.code().equals(code))) {
            return panel(user, model, "arm.error.code");
        }
        String chosen = offered.isEmpty() ? null : code;
        Instant now = clock.instant();
        Instant when = null;
        if (callback != null && !callback.isBlank() && !"NONE".equals(callback)) {
            if ("AT".equals(callback)) {
                try {
                    when = LocalDateTime.parse(callbackAt).atZone(zone(campaign)).toInstant();
                } catch (DateTimeParseException | NullPointerException e) {
                    return panel(user, model, "arm.error.callbackAt");
                }
                if (!when.isAfter(now)) {
                    return panel(user, model, "arm.error.callbackPast");
                }
            } else {
                try {
                    when = now.plus(Duration.ofMinutes(Integer.parseInt(callback)));
                } catch (NumberFormatException e) {
                    return panel(user, model, "arm.error.callbackAt");
                }
            }
            Integer period = campaign.map(c -> c.settings().callbackPeriodHours()).orElse(null);
            if (period != null && when.isAfter(now.plus(Duration.ofHours(period)))) {
                model.addAttribute("problemArgs", new Object[] {period});
                return panel(user, model, "arm.error.callbackTooFar");
            }
        }
        Optional<CallRecord> call = calls.attempt(operator.attemptId());
        if (doNotCallList != null && selections.dncLists().stream().noneMatch(list -> list.id() == doNotCallList)) {
            return panel(user, model, "arm.error.dncList");
        }
        Optional<ContactCards.Card> card = call.flatMap(c -> cards.card(c.contactId()));
        List<Message> messages = new ArrayList<>();
        if (smsTemplate != null && !smsTemplate.isBlank()) {
            if (!offeredTemplate(Channel.SMS, smsTemplate)) {
                return panel(user, model, "arm.error.template");
            }
            call.ifPresent(c -> messages.add(new Message(Channel.SMS, smsTemplate, c.number())));
        }
        if (emailTemplate != null && !emailTemplate.isBlank()) {
            if (!offeredTemplate(Channel.EMAIL, emailTemplate)) {
                return panel(user, model, "arm.error.template");
            }
            String address = card.flatMap(c -> c.emails().stream().findFirst()).orElse(null);
            if (address == null) {
                return panel(user, model, "arm.error.noEmail");
            }
            messages.add(new Message(Channel.EMAIL, emailTemplate, address));
        }
        Optional<Script> script = Optional.ofNullable(operator.campaignId()).flatMap(scripts::forCampaign);
        if (script.isPresent()) {
            List<Violation> violations = scripts.saveAnswers(operator.attemptId(), operator.campaignId(),
                    script.get().id(), answers, user.getUsername());
            if (!violations.isEmpty()) {
                model.addAttribute("violations", violations);
                return panel(user, model, "arm.error.answers");
            }
        }
        if (!operators.finishWrapUp(operator.id(), operator.attemptId(), chosen, comment, when, callbackType)) {
            return panel(user, model, "arm.error.notWrappingUp");
        }
        for (Message message : messages) {
            // after the outcome went, like the DNC entry below; the outbox sends it (a refused wrap-up sends nothing)
            CallRecord c = call.orElseThrow();
            channels.sendLater(message.channel(), new SendRequest(message.template(), message.recipient(),
                    card.map(ContactCards.Card::values).orElse(Map.of()), new MessageReference(c.campaignId(), c.contactId(),
                    c.campaignId() + ":" + c.contactId(), "wrap-up:" + c.attemptId() + ":" + message.channel()), false),
                    user.getUsername());
        }
        if (doNotCallList != null && call.isPresent()) {
            dnc.add(doNotCallList, List.of(call.get().number()), "workplace: " + operator.name(), user.getUsername());
        }
        return panel(user, model, null);
    }

    /** The text an SMS or e-mail template picked at wrap-up will send to the contact of the call (read-only). */
    @GetMapping("/arm/message-preview")
    @RequiresPermission(Permission.WORKPLACE_USE)
    String messagePreview(@AuthenticationPrincipal DozvonUser user, @RequestParam Channel channel,
                          @RequestParam Map<String, String> params, Model model) {
        String template = params.get(channel == Channel.EMAIL ? "emailTemplate" : "smsTemplate");
        Optional<CallRecord> call = operators.ofUser(user.id()).map(OperatorView::attemptId).flatMap(calls::attempt);
        Optional<ContactCards.Card> card = call.flatMap(c -> cards.card(c.contactId()));
        String recipient = channel == Channel.EMAIL ? card.flatMap(c -> c.emails().stream().findFirst()).orElse(null)
                : call.map(CallRecord::number).orElse(null);
        model.addAttribute("text", template == null || template.isBlank() || call.isEmpty() ? null
                : channels.preview(channel, template, card.map(ContactCards.Card::values).orElse(Map.of()), recipient)
                .orElse(null));
        return "arm/message-preview :: preview";
    }

    private boolean offeredTemplate(Channel channel, String code) {
        return channels.configured(channel) && channels.templates(channel).stream().anyMatch(t -> t.code().equals(code));
    }

    private record Message(Channel channel, String template, String recipient) {
    }

    // ---------------------------------------------------------------- the panel

    String panel(DozvonUser user, Model model, String problem) {
        panelModel(user, model, problem);
        return "arm/panel :: panel";
    }

    private void panelModel(DozvonUser user, Model model, String problem) {
        Optional<OperatorView> found = operators.ofUser(user.id());
        model.addAttribute("operator", found.orElse(null));
        model.addAttribute("problem", problem);
        model.addAttribute("now", clock.instant());
        model.addAttribute("pauseReasons", properties.pauseReasons());
        model.addAttribute("numbers", new LinkedHashMap<String, String>());
        if (found.isEmpty()) {
            return;
        }
        OperatorView operator = found.get();
        // the user's field access (manual 3.1.1.5): masked fields and numbers masked, hidden fields left out
        ShownFields shown = fieldAccess.shownTo(user);
        model.addAttribute("messages", operators.unreadMessages(operator.id()));
        List<Callback> personal = callbacks.personal(user.getUsername(), CALLBACKS);
        model.addAttribute("callbacks", personal);
        if (shown.restrictsPhones() && !personal.isEmpty()) {
            numbers(model).putAll(fieldAccess.shownNumbers(shown, personal.stream().map(Callback::contactId).toList(),
                    personal.stream().map(Callback::phone).toList()));
        }
        if (operator.state() == OperatorState.OFFLINE) {
            model.addAttribute("freeExtensions", operators.extensions().stream().filter(e -> e.inUseBy() == null).toList());
        }
        Optional<CampaignView> campaign = campaignOf(operator);
        if (!operator.state().holdsCall() && operator.state() != OperatorState.OFFLINE) {
            ZoneId zone = zone(campaign);
            Instant midnight = LocalDate.now(clock.withZone(zone)).atStartOfDay(zone).toInstant();
            List<CallRecord> today = calls.ofOperator(operator.id(), midnight, TODAY);
            model.addAttribute("today", today);
            shownNumbers(model, shown, today);
        }
        model.addAttribute("campaign", campaign.orElse(null));
        if (operator.attemptId() == null) {
            return;
        }
        Optional<CallRecord> call = calls.attempt(operator.attemptId());
        model.addAttribute("call", call.orElse(null));
        model.addAttribute("callingBack", callbacks.ofAttempt(operator.attemptId()).orElse(null));
        model.addAttribute("codes", offered(campaign));
        model.addAttribute("dncLists", selections.dncLists());
        model.addAttribute("campaignDnc", campaign.map(c -> c.settings().dncListIds()).orElse(List.of()));
        model.addAttribute("script", Optional.ofNullable(operator.campaignId()).flatMap(scripts::forCampaign).orElse(null));
        if (operator.state() == OperatorState.WRAP_UP) {
            // a channel with no gateway or mail server set up is not offered: the message could only fail
            model.addAttribute("smsTemplates", channels.configured(Channel.SMS) ? channels.templates(Channel.SMS) : List.of());
            model.addAttribute("emailTemplates", channels.configured(Channel.EMAIL) ? channels.templates(Channel.EMAIL) : List.of());
        }
        call.flatMap(c -> cards.card(c.contactId())).ifPresent(card -> {
            Map<String, Object> fields = new LinkedHashMap<>();
            Optional<ListSchema> schema = lists.schema(card.listId());
            schema.ifPresent(s -> shown.fields(s).forEach(field -> {
                Object value = shown.value(field.code(), card.values().get(field.code()));
                fields.put(field.name(), value == null ? "" : value);
            }));
            model.addAttribute("fields", fields);
            model.addAttribute("cardValues", shown.values(card.values()));
            model.addAttribute("listName", schema.map(ListSchema::listName).orElse(null));
            List<CallRecord> history = calls.list(null, c(call), null, HISTORY + 1).stream()
                    .filter(earlier -> earlier.attemptId() != operator.attemptId()).limit(HISTORY).toList();
            model.addAttribute("history", history);
            shownNumbers(model, shown, history);
        });
        call.ifPresent(c -> shownNumbers(model, shown, List.of(c)));
    }


    /** Adds to the model's {@code numbers} what these calls' numbers show instead, where their phone field is not in clear. */
    private void shownNumbers(Model model, ShownFields shown, List<CallRecord> records) {
        if (shown.restrictsPhones() && !records.isEmpty()) {
            numbers(model).putAll(fieldAccess.shownNumbers(shown,
                    records.stream().map(CallRecord::contactId).toList(), records.stream().map(CallRecord::number).toList()));
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> numbers(Model model) {
        return (Map<String, String>) model.getAttribute("numbers");
    }

    private static Long c(Optional<CallRecord> call) {
        return call.map(CallRecord::contactId).orElse(null);
    }

    /** The campaign the operator works for: looked up once per request. */
    private Optional<CampaignView> campaignOf(OperatorView operator) {
        return Optional.ofNullable(operator.campaignId()).flatMap(campaigns::find);
    }

    /** The operator codes the campaign offers (its group's active operator codes, in order). */
    private List<CompletionCode> offered(Optional<CampaignView> campaign) {
        return campaign.map(c -> c.settings().completionCodeGroupId()).flatMap(codes::group).map(CodeGroup::offered)
                .orElse(new ArrayList<>());
    }

    private static ZoneId zone(Optional<CampaignView> campaign) {
        return campaign.map(c -> c.settings().zone()).orElse(ZoneId.of(CampaignSettings.DEFAULT_ZONE));
    }
}
