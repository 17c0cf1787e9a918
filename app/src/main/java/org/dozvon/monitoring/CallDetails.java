package org.dozvon.monitoring;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

import org.dozvon.access.Audit;
import org.dozvon.access.DozvonUser;
import org.dozvon.campaigns.Callback;
import org.dozvon.campaigns.Callbacks;
import org.dozvon.campaigns.CampaignView;
import org.dozvon.campaigns.Campaigns;
import org.dozvon.campaigns.CompletionCode;
import org.dozvon.campaigns.CompletionCodes;
import org.dozvon.campaigns.Scripts;
import org.dozvon.channels.Channels;
import org.dozvon.channels.SentMessage;
import org.dozvon.contacts.ContactCards;
import org.dozvon.contacts.ContactLists;
import org.dozvon.contacts.FieldAccess;
import org.dozvon.contacts.ListSchema;
import org.dozvon.contacts.ShownFields;
import org.dozvon.dialing.AttemptTimes;
import org.dozvon.dialing.CallRecord;
import org.dozvon.dialing.CallRecords;
import org.dozvon.dialing.Connectors;
import org.dozvon.dialing.DialAttempt;
import org.dozvon.dialing.DialQueue;
import org.dozvon.strategy.StrategyDecision;
import org.dozvon.strategy.StrategyDecisions;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Puts a call attempt's card together from the modules that know a part of it: the dial queue and the call record
 * (dialing), the contact and the reader's field access (contacts), the campaign, its completion code, the script's
 * answers and the callbacks (campaigns), the messages sent (channels), the strategy's decisions (strategy) and the
 * audit journal (access).
 */
@Service
class CallDetails {

    /** At most this many callbacks, messages and audit records are looked at per attempt. */
    private static final int RELATED = 50;
    /** A callback's time in the detail of its event, as the pages show times (the server's zone). */
    private static final java.time.format.DateTimeFormatter WINDOW = java.time.format.DateTimeFormatter
            .ofPattern("dd.MM.yyyy HH:mm").withZone(java.time.ZoneId.systemDefault());

    private final DialQueue queue;
    private final CallRecords records;
    private final Connectors connectors;
    private final Campaigns campaigns;
    private final CompletionCodes codes;
    private final Scripts scripts;
    private final Callbacks callbacks;
    private final ContactCards cards;
    private final ContactLists lists;
    private final FieldAccess fieldAccess;
    private final Channels channels;
    private final StrategyDecisions decisions;
    private final Audit audit;

    CallDetails(DialQueue queue, CallRecords records, Connectors connectors, Campaigns campaigns, CompletionCodes codes,
                Scripts scripts, Callbacks callbacks, ContactCards cards, ContactLists lists, FieldAccess fieldAccess,
                Channels channels, StrategyDecisions decisions, Audit audit) {
        this.queue = queue;
        this.records = records;
        this.connectors = connectors;
        this.campaigns = campaigns;
        this.codes = codes;
        this.scripts = scripts;
        this.callbacks = callbacks;
        this.cards = cards;
        this.lists = lists;
        this.fieldAccess = fieldAccess;
        this.channels = channels;
        this.decisions = decisions;
        this.audit = audit;
    }

    /** The attempt's card as {@code user} may see it; empty for an unknown attempt. */
    @Transactional(readOnly = true)
    Optional<CallDetail> detail(long attemptId, DozvonUser user) {
        Optional<DialAttempt> found = queue.attempt(attemptId);
        Optional<AttemptTimes> timed = records.times(attemptId);
        if (found.isEmpty() || timed.isEmpty()) {
            return Optional.empty();
        }
        DialAttempt request = found.get();
        AttemptTimes times = timed.get();
        Optional<CallRecord> call = records.attempt(attemptId);
        ShownFields shown = fieldAccess.shownTo(user);
        Optional<ContactCards.Card> card = cards.card(request.contactId());

        String dialledNumber = call.map(CallRecord::number).orElse(request.phone());
        String phoneField = card.flatMap(c -> c.phones().stream().filter(p -> p.number().equals(dialledNumber))
                .map(ContactCards.Phone::type).findFirst()).orElse(request.phoneType());
        String number = shownNumber(shown, request.contactId(), phoneField, dialledNumber, card.isPresent());

        Optional<ListSchema> schema = card.flatMap(c -> lists.schema(c.listId()));
        CallDetail.ContactCard contact = card.map(c -> contact(c, schema, shown)).orElse(null);
        String phoneFieldName = phoneField == null ? null : schema.flatMap(s -> s.field(phoneField))
                .map(ListSchema.Field::name).orElse(phoneField);
        CallDetail.CampaignRef campaign = campaigns.find(request.campaignId())
                .map(c -> new CallDetail.CampaignRef(c.id(), c.name()))
                .orElse(new CallDetail.CampaignRef(request.campaignId(), null));
        CallDetail.Connector connector = call.map(CallRecord::connectorId).flatMap(id -> connectors.all().stream()
                .filter(c -> c.id() == id).findFirst().map(c -> new CallDetail.Connector(c.id(), c.name())))
                .orElse(call.map(CallRecord::connectorId).map(id -> new CallDetail.Connector(id, null)).orElse(null));
        String operatorName = call.map(CallRecord::operator).orElse(null);
        CallDetail.Operator operator = operatorName == null && times.operatorId() == null ? null
                : new CallDetail.Operator(times.operatorId(), operatorName);
        CallDetail.Code code = code(request);
        CallDetail.Callback calledBack = callbacks.ofAttempt(attemptId).map(CallDetails::callback).orElse(null);
        List<CallDetail.Answer> answers = scripts.answers(attemptId).stream()
                .map(a -> new CallDetail.Answer(a.questionText(), a.answer(), a.answeredBy(), a.answeredAt())).toList();
        List<StrategyDecision> decided = decisions.forAttempt(attemptId);
        CallDetail.Strategy strategy = new CallDetail.Strategy(request.businessKey(), decisions.recorded(),
                decisions.historyLevel(), decided);

        // a technical detail may quote the dial string: the number in it is shown as the number is
        java.util.function.UnaryOperator<String> masking = text -> text == null || dialledNumber == null
                || dialledNumber.equals(number) ? text : text.replace(dialledNumber, Objects.requireNonNullElse(number, "***"))
                .replace(dialledNumber.substring(1), Objects.requireNonNullElse(number, "***"));
        String detail = masking.apply(call.map(CallRecord::detail).orElse(null));
        List<CallDetail.Event> events = events(request, times, call, number, detail, operatorName, code, decided);
        List<CallDetail.Stage> stages = stages(request, times, call);
        return Optional.of(new CallDetail(attemptId, request.state().name(), call.isPresent(), campaign, contact, number,
                phoneField, phoneFieldName, call.map(CallRecord::callerId).orElse(null), call.map(CallRecord::callId).orElse(null),
                call.map(CallRecord::node).orElse(null), connector, operator, call.map(CallRecord::outcome)
                .orElse(request.outcome() == null ? null : request.outcome().name()),
                call.map(CallRecord::hangupCause).orElse(null), call.map(CallRecord::originateReason).orElse(null),
                call.map(CallRecord::amdStatus).orElse(null), call.map(CallRecord::amdCause).orElse(null),
                detail, times.manual(), times.priority(), calledBack, stages, events,
                code, call.map(CallRecord::comment).orElse(null), answers, strategy));
    }

    /** The number as this user sees it: by the phone field it belongs to, else as any number of the contact's. */
    private String shownNumber(ShownFields shown, long contactId, String phoneField, String number, boolean contactKnown) {
        if (number == null) {
            return null;
        }
        if (contactKnown && phoneField != null) {
            return shown.number(phoneField, number);
        }
        return fieldAccess.shownNumbers(shown, List.of(contactId), List.of(number)).getOrDefault(number, number);
    }

    private static CallDetail.ContactCard contact(ContactCards.Card card, Optional<ListSchema> schema, ShownFields shown) {
        List<CallDetail.Field> fields = schema.map(s -> shown.fields(s).stream()
                .map(field -> new CallDetail.Field(field.code(), field.name(),
                        shown.value(field.code(), card.values().get(field.code())), shown.masked(field.code())))
                .toList()).orElse(List.of());
        return new CallDetail.ContactCard(card.id(), card.listId(), schema.map(ListSchema::listName).orElse(null), fields);
    }

    /** The code the attempt was settled with; a settled attempt without one got its outcome's system code. */
    private CallDetail.Code code(DialAttempt request) {
        Optional<CompletionCode> code = Optional.ofNullable(request.completionCode()).flatMap(codes::code);
        if (code.isEmpty() && request.completionCode() == null && request.outcome() != null) {
            code = Optional.of(codes.systemCode(request.outcome()));
        }
        if (code.isEmpty()) {
            return request.completionCode() == null ? null
                    : new CallDetail.Code(request.completionCode(), null, null, null);
        }
        CompletionCode c = code.get();
        return new CallDetail.Code(c.code(), c.name(), c.category().name(), c.resolution().name());
    }

    private static CallDetail.Callback callback(Callback c) {
        return new CallDetail.Callback(c.id(), c.type().name(), c.operator(), c.comment(), c.createdBy(), c.createdAt());
    }

    // ---------------------------------------------------------------- what happened

    private List<CallDetail.Event> events(DialAttempt request, AttemptTimes times, Optional<CallRecord> call,
                                          String number, String detail, String operatorName, CallDetail.Code code,
                                          List<StrategyDecision> decided) {
        List<CallDetail.Event> events = new ArrayList<>();
        String origin = times.manual() ? "REQUESTED_MANUAL" : request.callbackId() != null ? "REQUESTED_CALLBACK" : "REQUESTED";
        add(events, times.createdAt(), origin, request.forOperator());
        if (times.dueAt() != null && times.createdAt() != null && times.dueAt().isAfter(times.createdAt())) {
            add(events, times.dueAt(), "DUE", null);
        }
        CallRecord c = call.orElse(null);
        add(events, times.takenAt(), "TAKEN", c == null ? null : c.node());
        if (c != null) {
            add(events, c.originatedAt(), "DIALLED", join(number, c.callerId() == null ? null : "→ " + c.callerId()));
            add(events, c.answeredAt(), "ANSWERED", null);
            if (c.amdStatus() != null) {
                Instant at = firstOf(times.waitingAt(), c.endedAt(), c.answeredAt());
                add(events, at, "MACHINE_DETECTION", join(c.amdStatus(), c.amdCause()));
            }
            add(events, times.waitingAt(), "WAITING", null);
            add(events, c.bridgedAt(), "CONNECTED", operatorName);
            add(events, c.endedAt(), "ENDED", detail != null ? detail : join(c.outcome(),
                    c.hangupCause() == null ? null : "cause " + c.hangupCause()));
        }
        Instant ended = c == null ? null : c.endedAt();
        Instant settled = request.settledAt();
        if (ended != null) {
            Instant until = settled == null ? Instant.MAX : settled.plusSeconds(1);
            callbacks.ofContact(request.contactId(), request.campaignId(), RELATED).stream()
                    .filter(cb -> cb.id() != Objects.requireNonNullElse(request.callbackId(), -1L))
                    .filter(cb -> !cb.createdAt().isBefore(ended) && cb.createdAt().isBefore(until))
                    .forEach(cb -> add(events, cb.createdAt(), "CALLBACK_SET", join(cb.type().name(), cb.operator(),
                            WINDOW.format(cb.windowFrom()), cb.comment())));
        }
        Pattern ofAttempt = Pattern.compile("^[^:]+:" + request.id() + ":.+$");
        channels.sentTo(request.contactId(), RELATED).stream()
                .filter(m -> m.sendKey() != null && ofAttempt.matcher(m.sendKey()).matches())
                .forEach(m -> events.add(new CallDetail.Event(m.createdAt(), "MESSAGE", message(m), m.id())));
        if (settled != null) {
            String type = request.state() == DialAttempt.State.CANCELLED ? "CANCELLED"
                    : c != null && c.bridgedAt() != null ? "WRAPPED_UP" : "SETTLED";
            add(events, settled, type, code == null ? null : code.code());
        }
        for (StrategyDecision decision : decided) {
            add(events, decision.evaluatedAt(), "DECIDED", decision.rules().isEmpty() ? decision.decisionKey()
                    : decision.decisionKey() + " #" + decision.rules().get(0).position());
        }
        audit.of("call", request.id(), RELATED).forEach(a -> add(events, a.at(), "AUDIT", a.username() + ": " + a.action()));
        // stable: events of the same instant keep the order they happen in
        events.sort(Comparator.comparing(CallDetail.Event::at));
        return List.copyOf(events);
    }

    private static String message(SentMessage m) {
        String source = m.sendKey().startsWith("wrap-up:") ? "wrap-up" : "strategy";
        return join(m.channel().name(), m.templateCode(), m.status().name(), "(" + source + ")");
    }

    private static void add(List<CallDetail.Event> events, Instant at, String type, String detail) {
        if (at != null) {
            events.add(new CallDetail.Event(at, type, detail, null));
        }
    }

    private static String join(String... parts) {
        List<String> present = java.util.Arrays.stream(parts).filter(p -> p != null && !p.isBlank()).toList();
        return present.isEmpty() ? null : String.join(" ", present);
    }

    private static Instant firstOf(Instant... candidates) {
        for (Instant candidate : candidates) {
            if (candidate != null) {
                return candidate;
            }
        }
        return null;
    }

    // ---------------------------------------------------------------- how long each part took

    private static List<CallDetail.Stage> stages(DialAttempt request, AttemptTimes times, Optional<CallRecord> call) {
        List<CallDetail.Stage> stages = new ArrayList<>();
        Instant queuedFrom = later(times.createdAt(), times.dueAt());
        Instant taken = times.takenAt();
        CallRecord c = call.orElse(null);
        Instant originated = c == null ? null : c.originatedAt();
        Instant answered = c == null ? null : c.answeredAt();
        Instant bridged = c == null ? null : c.bridgedAt();
        Instant ended = c == null ? null : c.endedAt();
        stage(stages, "QUEUED", queuedFrom, firstOf(taken, originated));
        if (taken != null && c != null) {
            Instant dialled = originated != null ? originated : ended;
            // an operator looked at the card before the call was placed (preview, a personal callback)
            if (dialled != null && Duration.between(taken, dialled).toMillis() >= 1000) {
                stage(stages, "PREVIEW", taken, dialled);
            }
        }
        if (originated != null) {
            stage(stages, "RINGING", originated, answered != null ? answered : ended);
        }
        if (answered != null) {
            if (bridged != null) {
                stage(stages, "WAITING", answered, bridged);
                stage(stages, "TALKING", bridged, ended);
            } else {
                stage(stages, "NO_OPERATOR", answered, ended);
            }
        }
        if (bridged != null && ended != null && request.settledAt() != null) {
            stage(stages, "WRAP_UP", ended, request.settledAt());
        }
        return List.copyOf(stages);
    }

    private static void stage(List<CallDetail.Stage> stages, String stage, Instant from, Instant to) {
        if (from != null && to != null && !to.isBefore(from)) {
            stages.add(new CallDetail.Stage(stage, from, to, Duration.between(from, to).toMillis()));
        }
    }

    private static Instant later(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isAfter(b) ? a : b;
    }
}
