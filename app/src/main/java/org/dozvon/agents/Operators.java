package org.dozvon.agents;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.dozvon.Violation;
import org.dozvon.access.Audit;
import org.dozvon.access.DozvonUser;
import org.dozvon.campaigns.CallbackRefused;
import org.dozvon.campaigns.CallbackType;
import org.dozvon.campaigns.Callbacks;
import org.dozvon.campaigns.CampaignCompleted;
import org.dozvon.campaigns.CampaignDialing;
import org.dozvon.campaigns.CampaignNotFoundException;
import org.dozvon.campaigns.CampaignStatus;
import org.dozvon.campaigns.CampaignStopped;
import org.dozvon.campaigns.CampaignView;
import org.dozvon.campaigns.Campaigns;
import org.dozvon.campaigns.CompletionCode;
import org.dozvon.campaigns.CompletionCodes;
import org.dozvon.campaigns.NewCallback;
import org.dozvon.campaigns.SkillCatalogue;
import org.dozvon.dialing.CallRecord;
import org.dozvon.dialing.CallRecords;
import org.dozvon.dialing.WrapUps;
import org.dozvon.telephony.Endpoints;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Operators and skills. The public methods are the module's API: the portal and the REST API manage operators and
 * skills through them; the workplace (and the bots) change an operator's state, ask a preview call to be placed
 * at once and finish wrap-ups. The dialer gives operators calls through {@link OperatorSeats}.
 */
@Service
public class Operators implements SkillCatalogue {

    private static final Logger log = LoggerFactory.getLogger(Operators.class);

    private final OperatorStore store;
    private final WrapUps wrapUps;
    private final CallRecords calls;
    private final CompletionCodes codes;
    private final Campaigns campaigns;
    private final ArmNotifier arm;
    private final Clock clock;
    private final Callbacks callbacks;
    private final AgentsProperties properties;
    private final Audit audit;

    Operators(OperatorStore store, WrapUps wrapUps, CallRecords calls, CompletionCodes codes, Campaigns campaigns,
              ArmNotifier arm, Clock clock, Callbacks callbacks, AgentsProperties properties, Audit audit) {
        this.audit = audit;
        this.callbacks = callbacks;
        this.properties = properties;
        this.campaigns = campaigns;
        this.store = store;
        this.wrapUps = wrapUps;
        this.calls = calls;
        this.codes = codes;
        this.arm = arm;
        this.clock = clock;
    }

    /** The id of the user with this user name. */
    public Optional<Long> userNamed(String username) {
        return username == null || username.isBlank() ? Optional.empty() : store.userNamed(username.strip());
    }

    /** The user name of the user an operator is linked to. */
    public Optional<String> username(long operatorId) {
        return store.username(operatorId);
    }

    /** The operator a user works as. */
    public Optional<OperatorView> ofUser(long userId) {
        return store.byUser(userId).flatMap(store::find);
    }

    /**
     * Logs an operator in on a phone: NOT_READY until it says Ready. An extension may be shared, but only one
     * logged-in operator uses it at a time (manual 18.2).
     */
    @Transactional
    public LogIn logIn(long operatorId, String endpoint) {
        String phone = endpoint == null ? "" : endpoint.strip();
        if (!Endpoints.valid(phone)) {
            return LogIn.BAD_PHONE;
        }
        if (store.logIn(operatorId, phone, clock.instant())) {
            arm.changed(operatorId);
            return LogIn.DONE;
        }
        return store.find(operatorId).filter(o -> o.state() != OperatorState.OFFLINE).isPresent()
                ? LogIn.ALREADY : LogIn.PHONE_IN_USE;
    }

    /** What came of a log-in. */
    public enum LogIn { DONE, ALREADY, PHONE_IN_USE, BAD_PHONE }

    /**
     * Skips the previewed contact with a code (manual: skipping needs a code): no call is placed, the attempt ends
     * with the code's category and the strategy gets the code; the operator is READY again.
     *
     * @return false when the operator previews nothing, or the code is not one of the campaign's
     */
    public boolean skipPreview(long operatorId, String completionCode) {
        Optional<OperatorView> operator = store.find(operatorId)
                .filter(o -> o.state() == OperatorState.PREVIEW && o.attemptId() != null);
        Optional<CompletionCode> code = Optional.ofNullable(completionCode).flatMap(codes::code);
        if (operator.isEmpty() || code.isEmpty()) {
            return false;
        }
        long attemptId = operator.get().attemptId();
        if (store.letGo(attemptId, List.of(OperatorState.PREVIEW), clock.instant()).isEmpty()) {
            return false;
        }
        arm.changed(operatorId);
        return calls.skipPreview(attemptId, code.get().category(), code.get().code());
    }

    public List<OperatorView> all() {
        return store.all();
    }

    public Optional<OperatorView> operator(long id) {
        return store.find(id);
    }

    /** What an operator is, as a person enters it. */
    public record OperatorDraft(String name, Long userId, String endpoint, Integer wrapUpSeconds, Map<Long, Integer> skills) {
        public OperatorDraft {
            skills = skills == null ? Map.of() : new LinkedHashMap<>(skills);
        }
    }

    /** The operator saved, or why not. */
    public record Saved(List<Violation> violations, Long id) {
        public boolean ok() {
            return violations.isEmpty();
        }
    }

    @Transactional
    public Saved save(Long id, OperatorDraft draft) {
        List<Violation> violations = new ArrayList<>();
        String name = draft.name() == null ? "" : draft.name().strip();
        if (name.isEmpty() || name.length() > 200) {
            violations.add(new Violation("name", "operators.error.name"));
        } else {
            store.byName(name).filter(other -> id == null || other.id() != id)
                    .ifPresent(other -> violations.add(new Violation("name", "operators.error.nameTaken", name)));
        }
        String endpoint = draft.endpoint() == null || draft.endpoint().isBlank() ? null : draft.endpoint().strip();
        if (endpoint != null && !Endpoints.valid(endpoint)) {
            violations.add(new Violation("endpoint", "operators.error.endpoint", endpoint));
        }
        if (draft.wrapUpSeconds() != null && (draft.wrapUpSeconds() < 0 || draft.wrapUpSeconds() > 3600)) {
            violations.add(new Violation("wrapUpSeconds", "operators.error.wrapUp"));
        }
        draft.skills().forEach((skill, level) -> {
            if (store.skill(skill).isEmpty()) {
                violations.add(new Violation("skills", "operators.error.skill", skill));
            } else if (level == null || level < 1 || level > 100) {
                violations.add(new Violation("skills", "operators.error.level", store.skill(skill).get().name()));
            }
        });
        if (id != null && store.find(id).isEmpty()) {
            violations.add(new Violation("id", "operators.error.notFound", id));
        }
        if (draft.userId() != null) {
            if (!store.userExists(draft.userId())) {
                violations.add(new Violation("userId", "operators.error.user", draft.userId()));
            } else {
                store.byUser(draft.userId()).filter(other -> id == null || other != id.longValue()).ifPresent(
                        other -> violations.add(new Violation("userId", "operators.error.userTaken", draft.userId())));
            }
        }
        if (!violations.isEmpty()) {
            return new Saved(violations, id);
        }
        long saved;
        if (id == null) {
            saved = store.insert(name, draft.userId(), endpoint, draft.wrapUpSeconds(), false);
        } else {
            store.update(id, name, draft.userId(), endpoint, draft.wrapUpSeconds());
            saved = id;
        }
        store.skills(saved, draft.skills());
        return new Saved(List.of(), saved);
    }

    /** Deletes an operator that holds no call; false when it does (or does not exist). */
    @Transactional
    public boolean delete(long id) {
        return store.delete(id);
    }

    /**
     * Moves an operator to READY, NOT_READY or OFFLINE. An operator holding a call gets there after the call
     * (and its wrap-up): a supervisor's forced change never cuts a conversation.
     *
     * @return the state the operator is in now (or will be in after the call)
     */
    @Transactional
    public StateChange changeState(long id, OperatorState state) {
        return changeState(id, state, null);
    }

    /** As {@link #changeState(long, OperatorState)}, with the reason of a NOT_READY. */
    @Transactional
    public StateChange changeState(long id, OperatorState state, String pauseReason) {
        if (state.holdsCall()) {
            throw new IllegalArgumentException("an operator is put in " + state + " by the dialer, not by a person");
        }
        OperatorView operator = store.find(id).orElseThrow(() -> new OperatorNotFound(id));
        if (state != OperatorState.OFFLINE && operator.endpoint() == null) {
            return StateChange.NO_PHONE;
        }
        String reason = state == OperatorState.NOT_READY ? pauseReason : null;
        if (store.setFreeState(id, state, reason, clock.instant())) {
            arm.changed(id);
            return StateChange.NOW;
        }
        if (state == OperatorState.READY) {
            store.afterCall(id, null, null);
            arm.changed(id);
            return StateChange.NOW;
        }
        store.afterCall(id, state, reason);
        arm.changed(id);
        return StateChange.AFTER_CALL;
    }

    /** When a state change takes effect. */
    public enum StateChange {
        NOW, AFTER_CALL,
        /** The operator has no phone (endpoint) to take calls on. */
        NO_PHONE
    }

    /**
     * Switches the operator's auto-answer: calls Dozvon connects to its phone are answered by the phone itself (the
     * dialplan adds the header, see {@code docs/telephony.md}).
     */
    @Transactional
    public void autoAnswer(long operatorId, boolean on) {
        store.autoAnswer(operatorId, on);
        arm.changed(operatorId);
    }

    /** Places the call an operator previews at once; false when it previews none. */
    @Transactional
    public boolean dialNow(long operatorId) {
        boolean now = store.previewUntil(operatorId, clock.instant());
        if (now) {
            arm.changed(operatorId);
        }
        return now;
    }

    /**
     * Ends an operator's wrap-up: the operator is READY again (or in the state it asked for) and the call's
     * outcome, with the code, goes to the contact's strategy.
     *
     * @return false when the operator is not wrapping up that call (finished already, timed out)
     */
    public boolean finishWrapUp(long operatorId, long attemptId, String completionCode, Instant callbackAt) {
        return finishWrapUp(operatorId, attemptId, completionCode, null, callbackAt);
    }

    /** As {@link #finishWrapUp(long, long, String, Instant)}, keeping the operator's comment with the call. */
    public boolean finishWrapUp(long operatorId, long attemptId, String completionCode, String comment,
                                Instant callbackAt) {
        return finishWrapUp(operatorId, attemptId, completionCode, comment, callbackAt, CallbackType.STANDARD);
    }

    /**
     * As {@link #finishWrapUp(long, long, String, String, Instant)}; a callback time also schedules a callback of that
     * type (PERSONAL: to this operator's user; an operator without a user gets a STANDARD one) whose window lasts
     * {@code dozvon.agents.callback-window}. It is scheduled before the operator is let go (so the workplace shown
     * next lists it) and cancelled again when the wrap-up is refused.
     */
    public boolean finishWrapUp(long operatorId, long attemptId, String completionCode, String comment,
                                Instant callbackAt, CallbackType callbackType) {
        Optional<Long> callback = callbackAt == null ? Optional.empty()
                : scheduleCallback(operatorId, attemptId, callbackAt, callbackType, comment);
        if (!endWrapUp(operatorId, attemptId, completionCode, comment, callbackAt)) {
            callback.ifPresent(id -> callbacks.cancel(id, "wrap-up refused"));
            return false;
        }
        return true;
    }

    private Optional<Long> scheduleCallback(long operatorId, long attemptId, Instant at, CallbackType type,
                                            String comment) {
        Optional<CallRecord> call = calls.attempt(attemptId);
        if (call.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> user = store.username(operatorId);
        CallbackType kind = type == null || (type == CallbackType.PERSONAL && user.isEmpty()) ? CallbackType.STANDARD : type;
        Instant from = at.isAfter(clock.instant()) ? at : clock.instant();
        try {
            return Optional.of(callbacks.schedule(new NewCallback(call.get().contactId(), call.get().campaignId(),
                    call.get().number(), kind, kind == CallbackType.PERSONAL ? user.get() : null, from,
                    from.plus(properties.callbackWindow()), comment), user.orElse("operator " + operatorId)).id());
        } catch (CallbackRefused e) {
            // the strategy has the time anyway (its callback is then an ordinary one)
            log.warn("Callback of call {} not kept: {}", attemptId, e.violations());
            return Optional.empty();
        }
    }

    private boolean endWrapUp(long operatorId, long attemptId, String completionCode, String comment,
                              Instant callbackAt) {
        Optional<OperatorView> part = store.find(operatorId)
                .filter(o -> o.handedOver() && Long.valueOf(attemptId).equals(o.attemptId()));
        if (part.isPresent()) {
            // the part of a call transferred away: its code and comment are a note, the outcome is the other's
            if (!store.letGoPart(operatorId, attemptId, clock.instant())) {
                return false;
            }
            arm.changed(operatorId);
            String note = java.util.stream.Stream.of(completionCode, comment)
                    .filter(text -> text != null && !text.isBlank()).map(String::strip)
                    .collect(java.util.stream.Collectors.joining(": "));
            calls.addComment(attemptId, part.get().name() + " (transferred)" + (note.isEmpty() ? "" : ": " + note));
            return true;
        }
        if (store.holding(attemptId).filter(holder -> holder.id() == operatorId).isEmpty()
                || store.letGo(attemptId, List.of(OperatorState.WRAP_UP), clock.instant()).isEmpty()) {
            return false;
        }
        arm.changed(operatorId);
        calls.addComment(attemptId, comment);
        wrapUps.finished(attemptId, completionCode, callbackAt);
        return true;
    }

    /** Wrap-ups whose time ran out end with the campaign's default code, else the answered call's system code. */
    @Scheduled(fixedDelayString = "${dozvon.agents.sweep:PT1S}", initialDelayString = "${dozvon.agents.sweep:PT1S}")
    public void endOverdueWrapUps() {
        for (OperatorView operator : store.wrapUpsOverdue(clock.instant())) {
            if (finishWithDefaultCode(operator)) {
                log.info("Wrap-up of operator '{}' (call {}) timed out", operator.name(), operator.attemptId());
            }
        }
    }

    private boolean finishWithDefaultCode(OperatorView operator) {
        String code = Optional.ofNullable(operator.campaignId()).flatMap(campaigns::find)
                .map(c -> c.settings().dialing().defaultCode()).orElse(null);
        return finishWrapUp(operator.id(), operator.attemptId(), code, null);
    }

    /**
     * A supervisor's reset of an operator whose state looks stuck: NOT_READY at once. A wrap-up ends now with the
     * campaign's default code (as when its time runs out); a call that is over but still held (the operator never
     * got its end) is dropped. A call in progress is not cut here: the operator goes NOT_READY after it (the
     * supervisor's console hangs the call up first when asked to).
     *
     * @return NOW, or AFTER_CALL for a call in progress
     * @throws OperatorNotFound when there is no such operator
     */
    public StateChange reset(long id) {
        OperatorView operator = store.find(id).orElseThrow(() -> new OperatorNotFound(id));
        Instant now = clock.instant();
        if (operator.state() == OperatorState.WRAP_UP && operator.attemptId() != null) {
            finishWithDefaultCode(operator);
        } else if (operator.attemptId() != null) {
            boolean over = operator.state() != OperatorState.PREVIEW
                    && calls.attempt(operator.attemptId()).map(call -> call.endedAt() != null).orElse(true);
            if (!over) {
                store.afterCall(id, OperatorState.NOT_READY, null);
                arm.changed(id);
                return StateChange.AFTER_CALL;
            }
            store.forceNotReady(id, operator.attemptId(), now);
            log.warn("Operator '{}' reset: it still held call {}, which is over", operator.name(), operator.attemptId());
        }
        store.setFreeState(id, OperatorState.NOT_READY, null, now);
        arm.changed(id);
        return StateChange.NOW;
    }

    // ---------------------------------------------------------------- pools and moves

    /** The campaigns of an operator's pool (empty: it works any campaign it qualifies for). */
    public java.util.Set<Long> campaignsOf(long operatorId) {
        store.find(operatorId).orElseThrow(() -> new OperatorNotFound(operatorId));
        return store.campaignsOf(operatorId);
    }

    /** Every operator's pool; operators in none (they work any campaign they qualify for) are absent. */
    public Map<Long, java.util.Set<Long>> pools() {
        return store.pools();
    }

    /**
     * Replaces an operator's pool: from now on the dialer sends it only to these campaigns (empty: to any campaign it
     * qualifies for). An operator working a campaign it leaves is moved by the dialer's next round when free, after its
     * call otherwise. A change is recorded in the audit journal ({@code operator.pools}) in the same transaction.
     *
     * @return the pool as it is now
     * @throws OperatorNotFound          when there is no such operator
     * @throws CampaignNotFoundException when one of the campaigns does not exist
     */
    @Transactional
    public java.util.Set<Long> changeCampaigns(long operatorId, java.util.Collection<Long> campaignIds, DozvonUser by) {
        OperatorView operator = store.lock(operatorId).orElseThrow(() -> new OperatorNotFound(operatorId));
        java.util.Set<Long> wanted = new java.util.TreeSet<>(campaignIds);
        wanted.forEach(this::campaign);
        replacePool(operator, wanted, by);
        return wanted;
    }

    /**
     * Saves a grid of pools as a supervisor ticked it: for each operator given, its membership of the campaigns in
     * {@code scope} becomes the ticked ones ({@code ticked}: operator → campaigns, those outside the scope ignored);
     * its membership of other campaigns stays. Each operator whose pool changed gets one audit record
     * ({@code operator.pools}), all in one transaction.
     *
     * @return how many operators' pools changed
     * @throws OperatorNotFound          when one of the operators does not exist
     * @throws CampaignNotFoundException when one of the campaigns of the scope does not exist
     */
    @Transactional
    public int changePools(java.util.Collection<Long> scope, Map<Long, ? extends java.util.Collection<Long>> ticked,
                           DozvonUser by) {
        java.util.Set<Long> columns = new java.util.TreeSet<>(scope);
        columns.forEach(this::campaign);
        int changed = 0;
        for (Map.Entry<Long, ? extends java.util.Collection<Long>> row : new java.util.TreeMap<>(ticked).entrySet()) {
            OperatorView operator = store.lock(row.getKey()).orElseThrow(() -> new OperatorNotFound(row.getKey()));
            java.util.Set<Long> wanted = new java.util.TreeSet<>(operator.campaigns());
            wanted.removeAll(columns);
            row.getValue().stream().filter(columns::contains).forEach(wanted::add);
            if (replacePool(operator, wanted, by)) {
                changed++;
            }
        }
        return changed;
    }

    private boolean replacePool(OperatorView operator, java.util.Set<Long> wanted, DozvonUser by) {
        java.util.Set<Long> before = new java.util.TreeSet<>(operator.campaigns());
        if (before.equals(wanted)) {
            return false;
        }
        store.setCampaigns(operator.id(), wanted);
        audit.record(by, "operator.pools", "operator", operator.id(), new PoolValue(List.copyOf(before)),
                new PoolValue(List.copyOf(wanted)));
        log.info("Operator '{}' ({}): pool {} -> {} by {}", operator.name(), operator.id(), before, wanted,
                by.getUsername());
        arm.changed(operator.id());
        return true;
    }

    /** An operator's pool in the audit journal. */
    record PoolValue(List<Long> campaigns) {
    }

    /** A move in the audit journal. */
    record MoveValue(Long campaignId, String campaign) {
    }

    /**
     * Moves an operator to a campaign by force (a supervisor's decision; null: back to ordinary routing). The dialer
     * keeps it on that campaign while the campaign runs with operators and the operator qualifies for it, whatever the
     * weights, minimums, maximums and its pool say; a pause leaves it to ordinary routing until the campaign runs
     * again; a stop or completion of the campaign, or the operator's log-out, ends the move. A READY operator moves at
     * once, one holding a call after the call (and its wrap-up), a paused one when it is Ready again. Recorded in the
     * audit journal ({@code operator.move}) in the same transaction.
     *
     * @return the violations (the operator is logged out; the campaign is neither running nor paused, dials without
     *         operators, or asks for a skill the operator lacks at its level), or none with when the move takes effect
     * @throws OperatorNotFound          when there is no such operator
     * @throws CampaignNotFoundException when there is no such campaign
     */
    @Transactional
    public Move moveTo(long operatorId, Long campaignId, DozvonUser by) {
        OperatorView operator = store.lock(operatorId).orElseThrow(() -> new OperatorNotFound(operatorId));
        CampaignView target = campaignId == null ? null : campaign(campaignId);
        List<Violation> violations = new ArrayList<>();
        if (target != null) {
            CampaignDialing dialing = target.settings().dialing();
            if (operator.state() == OperatorState.OFFLINE) {
                violations.add(new Violation("operatorId", "operators.error.moveOffline", operator.name()));
            }
            if (target.status() != CampaignStatus.RUNNING && target.status() != CampaignStatus.PAUSED) {
                violations.add(new Violation("campaignId", "operators.error.moveNotActive", target.name()));
            } else if (!dialing.mode().withOperators()) {
                violations.add(new Violation("campaignId", "operators.error.moveNoOperators", target.name()));
            } else if (dialing.skillId() != null
                    && operator.skills().getOrDefault(dialing.skillId(), 0) < dialing.minSkillLevel()) {
                violations.add(new Violation("campaignId", "operators.error.moveSkill", operator.name(), target.name()));
            }
        }
        if (!violations.isEmpty()) {
            return new Move(violations, null);
        }
        StateChange effective = operator.state().holdsCall() ? StateChange.AFTER_CALL : StateChange.NOW;
        if (java.util.Objects.equals(operator.pinnedCampaignId(), campaignId)) {
            return new Move(List.of(), effective);
        }
        store.pin(operatorId, campaignId, target != null && target.status() == CampaignStatus.RUNNING);
        audit.record(by, "operator.move", "operator", operatorId, moveValue(operator.pinnedCampaignId()),
                target == null ? null : new MoveValue(target.id(), target.name()));
        log.info("Operator '{}' ({}) moved to campaign {} by {} ({})", operator.name(), operatorId,
                target == null ? "(any)" : "'" + target.name() + "'", by.getUsername(), effective);
        arm.changed(operatorId);
        return new Move(List.of(), effective);
    }

    /** What came of a move: the violations, or when it takes effect. */
    public record Move(List<Violation> violations, StateChange effective) {
        public boolean ok() {
            return violations.isEmpty();
        }
    }

    private MoveValue moveValue(Long campaignId) {
        return campaignId == null ? null
                : new MoveValue(campaignId, campaigns.find(campaignId).map(CampaignView::name).orElse(null));
    }

    private CampaignView campaign(long id) {
        return campaigns.find(id).orElseThrow(() -> new CampaignNotFoundException(id));
    }

    /** A stopped campaign frees the operators moved to it (idempotent: a second delivery finds none). */
    @ApplicationModuleListener
    void on(CampaignStopped stopped) {
        unpin(stopped.campaignId());
    }

    @ApplicationModuleListener
    void on(CampaignCompleted completed) {
        unpin(completed.campaignId());
    }

    private void unpin(long campaignId) {
        List<Long> freed = store.unpin(campaignId);
        if (!freed.isEmpty()) {
            log.info("Campaign {} ended: operators {} moved there are routed as usual again", campaignId, freed);
            freed.forEach(arm::changed);
        }
    }

    // ---------------------------------------------------------------- extensions

    /** Every extension, with the logged-in operator using it. */
    public List<Extension> extensions() {
        return store.extensions();
    }

    @Transactional
    public Saved saveExtension(Long id, String endpoint, String description) {
        String phone = endpoint == null ? "" : endpoint.strip();
        String text = description == null || description.isBlank() ? null : description.strip();
        List<Violation> violations = new ArrayList<>();
        if (!Endpoints.valid(phone)) {
            violations.add(new Violation("endpoint", "operators.error.endpoint", phone));
        } else if (store.extensionExists(phone, id)) {
            violations.add(new Violation("endpoint", "extensions.error.taken", phone));
        }
        if (text != null && text.length() > 200) {
            violations.add(new Violation("description", "extensions.error.description"));
        }
        if (!violations.isEmpty()) {
            return new Saved(violations, id);
        }
        if (id == null) {
            return new Saved(List.of(), store.insertExtension(phone, text));
        }
        store.updateExtension(id, phone, text);
        return new Saved(List.of(), id);
    }

    /** Deletes an extension from the list (an operator logged in on it keeps working). */
    @Transactional
    public boolean deleteExtension(long id) {
        return store.deleteExtension(id);
    }

    // ---------------------------------------------------------------- messages

    /** Sends an operator a message its workplace shows until read; violations if the text is empty or too long. */
    @Transactional
    public Saved sendMessage(long operatorId, String text, String by) {
        store.find(operatorId).orElseThrow(() -> new OperatorNotFound(operatorId));
        String clean = text == null ? "" : text.strip();
        if (clean.isEmpty() || clean.length() > 1000) {
            return new Saved(List.of(new Violation("text", "operators.error.message")), null);
        }
        long id = store.insertMessage(operatorId, clean, by, clock.instant());
        arm.changed(operatorId);
        return new Saved(List.of(), id);
    }

    public List<OperatorMessage> unreadMessages(long operatorId) {
        return store.unread(operatorId);
    }

    @Transactional
    public boolean markRead(long operatorId, long messageId) {
        return store.markRead(operatorId, messageId, clock.instant());
    }

    // ---------------------------------------------------------------- skills

    @Override
    public List<SkillChoice> skills() {
        return store.skillList().stream().map(skill -> new SkillChoice(skill.id(), skill.name())).toList();
    }

    @Override
    public Optional<SkillChoice> skill(long id) {
        return store.skill(id).map(skill -> new SkillChoice(skill.id(), skill.name()));
    }

    public List<Skill> skillList() {
        return store.skillList();
    }

    @Transactional
    public Saved saveSkill(Long id, String name, String description) {
        List<Violation> violations = new ArrayList<>();
        String clean = name == null ? "" : name.strip();
        if (clean.isEmpty() || clean.length() > 100) {
            violations.add(new Violation("name", "skills.error.name"));
        } else {
            store.skillNamed(clean).filter(other -> id == null || other.id() != id)
                    .ifPresent(other -> violations.add(new Violation("name", "skills.error.nameTaken", clean)));
        }
        if (id != null && store.skill(id).isEmpty()) {
            violations.add(new Violation("id", "skills.error.notFound", id));
        }
        String text = description == null || description.isBlank() ? null : description.strip();
        if (text != null && text.length() > 1000) {
            violations.add(new Violation("description", "skills.error.description"));
        }
        if (!violations.isEmpty()) {
            return new Saved(violations, id);
        }
        if (id == null) {
            return new Saved(List.of(), store.insertSkill(clean, text));
        }
        store.updateSkill(id, clean, text);
        return new Saved(List.of(), id);
    }

    /** Deletes a skill (operators lose it, campaigns asking for it take any operator); false if there is none. */
    @Transactional
    public boolean deleteSkill(long id) {
        return store.deleteSkill(id);
    }

    /** How many operators have each skill (skills nobody has are absent). */
    public Map<Long, Integer> skillHolders() {
        return store.skillHolders();
    }
}
