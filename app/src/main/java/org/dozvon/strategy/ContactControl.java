package org.dozvon.strategy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ActivityInstance;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstanceModificationBuilder;
import org.camunda.bpm.engine.runtime.TransitionInstance;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.dozvon.campaigns.CampaignStatus;
import org.dozvon.campaigns.CampaignView;
import org.dozvon.campaigns.Campaigns;
import org.dozvon.campaigns.CompletionCode;
import org.dozvon.contacts.ContactCards;
import org.dozvon.dialing.DialAttempt;
import org.dozvon.dialing.DialQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import static org.dozvon.strategy.ContactVariables.*;

/**
 * Changes to one contact's processing made from outside its strategy (a CRM, a supervisor): cancel it in one campaign
 * or in all, hold it (until a moment or until released) and release it, block one of its phones or a number
 * everywhere, give it an agent's result. Each change is one transaction with the process changes it makes (a process
 * deleted, a timer moved, an outcome settled), the dial requests it cancels and the {@link ContactStatusChanged}
 * events it publishes, so a crash keeps all or nothing. A request already being dialled is never touched: the call
 * ends, and its outcome meets the contact as it is then.
 *
 * <p>Another change to the same process at the same moment (its outcome, its timer) makes a change fail with
 * {@link ContactRefused.Reason#CHANGED_MEANWHILE}; the transaction is then rolled back and may be tried again.
 */
@Service
public class ContactControl {

    private static final Logger log = LoggerFactory.getLogger(ContactControl.class);
    private static final String SETTLE_OUTCOME = "${settleOutcome}";

    private final CampaignContacts progress;
    private final ContactRestrictions restrictions;
    private final DialQueue queue;
    private final ContactCards cards;
    private final Campaigns campaigns;
    private final RuntimeService runtime;
    private final ManagementService management;
    private final RepositoryService repository;
    private final StrategyClock clock;
    private final ApplicationEventPublisher events;

    ContactControl(CampaignContacts progress, ContactRestrictions restrictions, DialQueue queue, ContactCards cards,
                   Campaigns campaigns, RuntimeService runtime, ManagementService management,
                   RepositoryService repository, StrategyClock clock, ApplicationEventPublisher events) {
        this.progress = progress;
        this.restrictions = restrictions;
        this.queue = queue;
        this.cards = cards;
        this.campaigns = campaigns;
        this.runtime = runtime;
        this.management = management;
        this.repository = repository;
        this.clock = clock;
        this.events = events;
    }

    /** The contact's place in every campaign that has taken it, by campaign id. */
    @Transactional(readOnly = true)
    public List<ContactInCampaign> campaignsOf(long contactId) {
        Instant now = clock.now();
        List<ContactRestrictions.Hold> holds = restrictions.holdsOf(contactId);
        return progress.ofContact(contactId).stream().map(row -> view(row, holds, now)).toList();
    }

    /**
     * Ends the contact's processing with {@code status}: in one campaign, or (campaignId null) in every campaign that
     * has taken it. A campaign that has not taken it yet never will: in the given campaign, or (campaignId null) in
     * every campaign that calls the contact's list, in any status. Its queued dial requests are cancelled and its
     * process deleted; a call in progress ends, and its outcome is recorded without reviving anything.
     *
     * @return the campaigns where the contact's processing ended now (not those where it had ended before)
     * @throws ContactRefused CHANGED_MEANWHILE, see the class
     */
    @Transactional
    public List<Long> cancel(Long campaignId, long contactId, FinalStatus status, String reason) {
        return guarded(campaignId, () -> {
            Instant now = clock.now();
            List<Long> ended = new ArrayList<>();
            Map<Long, CampaignContacts.Row> rows = new HashMap<>();
            progress.ofContact(contactId).forEach(row -> rows.put(row.campaignId(), row));
            for (CampaignContacts.Row row : rows.values()) {
                if ((campaignId == null || row.campaignId() == campaignId) && row.state() != CampaignContacts.State.FINISHED) {
                    end(row, status, reason, now);
                    ended.add(row.campaignId());
                }
            }
            Collection<Long> untaken = campaignId != null ? List.of(campaignId)
                    : cards.card(contactId).map(card -> campaignsCalling(card.listId())).orElse(List.of());
            for (long other : untaken) {
                if (rows.containsKey(other)) {
                    continue;
                }
                if (progress.finishUntaken(other, contactId, status, now)) {
                    events.publishEvent(new ContactStatusChanged(other, contactId, ContactStatus.FINISHED, status, null, now));
                    ended.add(other);
                } else {
                    // taken at this very moment by the campaign's intake
                    Optional<CampaignContacts.Row> taken = progress.row(other, contactId)
                            .filter(row -> row.state() != CampaignContacts.State.FINISHED);
                    if (taken.isPresent()) {
                        end(taken.get(), status, reason, now);
                        ended.add(other);
                    }
                }
            }
            log.info("Contact {} cancelled ({}) in campaigns {}: {}", contactId, status, ended, reason);
            return ended;
        });
    }

    /**
     * Holds the contact: its strategy does not dial it until {@code until} (postponed), or at all until released
     * ({@code until} null). In one campaign or (campaignId null) in every campaign, those that take it later included.
     * A queued dial request is cancelled and the strategy plans again at once; a call in progress ends first.
     */
    @Transactional
    public void hold(Long campaignId, long contactId, Instant until, String reason, String by) {
        guarded(campaignId, () -> {
            Instant now = clock.now();
            restrictions.hold(contactId, campaignId, until, reason, by, now);
            List<ContactRestrictions.Hold> holds = restrictions.holdsOf(contactId);
            for (CampaignContacts.Row row : open(campaignId, contactId)) {
                boolean cancelled = !queue.cancelQueued(row.campaignId(), contactId, null, now).isEmpty();
                wake(row.processInstanceId(), !cancelled, now);
                ContactRestrictions.HoldState state = ContactRestrictions.HoldState.of(holds, row.campaignId(), now);
                events.publishEvent(new ContactStatusChanged(row.campaignId(), contactId, state.status(), null,
                        state.until(), now));
            }
            return null;
        });
    }

    /**
     * Releases the contact's hold in one campaign, or all its holds (campaignId null): a contact no longer held plans
     * again at once. A hold on every campaign is not lifted by releasing one campaign.
     */
    @Transactional
    public void release(Long campaignId, long contactId) {
        guarded(campaignId, () -> {
            Instant now = clock.now();
            List<ContactRestrictions.Hold> before = restrictions.holdsOf(contactId);
            if (restrictions.release(contactId, campaignId) == 0) {
                return null;
            }
            List<ContactRestrictions.Hold> after = restrictions.holdsOf(contactId);
            for (CampaignContacts.Row row : open(null, contactId)) {
                ContactRestrictions.HoldState was = ContactRestrictions.HoldState.of(before, row.campaignId(), now);
                ContactRestrictions.HoldState is = ContactRestrictions.HoldState.of(after, row.campaignId(), now);
                if (!was.equals(is)) {
                    wake(row.processInstanceId(), true, now);
                    events.publishEvent(new ContactStatusChanged(row.campaignId(), contactId, is.status(), null,
                            is.until(), now));
                }
            }
            return null;
        });
    }

    /**
     * Blocks a number: a contact's phone ({@code contactId}) or the number whoever has it (null), in one campaign or in
     * every campaign (null). Queued requests for it are cancelled and their strategies plan again (another phone, or
     * finish DO_NOT_CALL when none is left); the contact's waiting strategies plan again too.
     */
    @Transactional
    public PhoneBlock blockPhone(String number, Long contactId, Long campaignId, String reason, String by) {
        return guarded(campaignId, () -> {
            Instant now = clock.now();
            PhoneBlock block = restrictions.block(number, contactId, campaignId, reason, by, now);
            Set<String> woken = new HashSet<>();
            for (DialAttempt cancelled : queue.cancelQueued(campaignId, contactId, number, now)) {
                progress.row(cancelled.campaignId(), cancelled.contactId())
                        .filter(row -> row.processInstanceId() != null && row.state() != CampaignContacts.State.FINISHED)
                        .ifPresent(row -> {
                            if (woken.add(row.processInstanceId())) {
                                wake(row.processInstanceId(), false, now);
                            }
                        });
            }
            if (contactId != null) {
                for (CampaignContacts.Row row : open(campaignId, contactId)) {
                    if (!woken.contains(row.processInstanceId())) {
                        wake(row.processInstanceId(), true, now);
                    }
                }
            }
            log.info("Number {} blocked{}{} by {}", number, contactId == null ? "" : " for contact " + contactId,
                    campaignId == null ? " in every campaign" : " in campaign " + campaignId, by);
            return block;
        });
    }

    /**
     * Removes a contact's blocks of one of its numbers: in one campaign, or all of them (campaignId null). A number
     * blocked for whoever has it stays blocked.
     *
     * @return how many blocks were removed
     */
    @Transactional
    public int unblockPhone(String number, long contactId, Long campaignId) {
        return restrictions.unblock(number, contactId, campaignId);
    }

    /** Removes a block by its id; false when there is none. */
    @Transactional
    public boolean removePhoneBlock(long id) {
        return restrictions.removeBlock(id);
    }

    public Optional<PhoneBlock> phoneBlock(long id) {
        return restrictions.findBlock(id);
    }

    /**
     * Blocks by id after {@code afterId} (a keyset page of at most {@code limit}): of a number, a campaign, a contact
     * (each null: any).
     */
    public List<PhoneBlock> phoneBlocks(String number, Long campaignId, Long contactId, Long afterId, int limit) {
        return restrictions.blocks(number, campaignId, contactId, afterId, limit);
    }

    /** The blocks that apply to a contact's numbers: its own, and those of the numbers whoever has them. */
    public List<PhoneBlock> phoneBlocksOf(long contactId, Collection<String> numbers) {
        return restrictions.blocksOf(contactId, numbers);
    }

    /**
     * Gives the contact an agent's result in a campaign (AMT's "agent result" over the API): its strategy settles it as
     * an operator's wrap-up with that code would be settled — the decision table picks the next action (finish, retry,
     * callback…) from the code, and the step goes on from there, in this transaction. The result is recorded as an
     * attempt of the contact (a dial request never dialled, {@code external}), so the contact's history and the call
     * card show it with the decision it led to. A queued dial request is cancelled first.
     *
     * @param code       the completion code (the caller checked it belongs to the campaign's code group)
     * @param callbackAt a callback time agreed, for a code whose action calls back; null: none
     * @return the attempt id of the result
     * @throws ContactRefused NOT_TAKEN, FINISHED, IN_CALL (a call to it is in progress), BUSY (its strategy is in an
     *                        asynchronous step), UNSUPPORTED (no {@code ${settleOutcome}} task in its strategy),
     *                        CHANGED_MEANWHILE
     */
    @Transactional
    public long agentResult(long campaignId, long contactId, CompletionCode code, String comment, Instant callbackAt,
                            String by) {
        return guarded(campaignId, () -> {
            CampaignContacts.Row row = progress.row(campaignId, contactId)
                    .orElseThrow(() -> refused(ContactRefused.Reason.NOT_TAKEN, campaignId, contactId));
            if (row.state() == CampaignContacts.State.FINISHED) {
                throw refused(ContactRefused.Reason.FINISHED, campaignId, contactId);
            }
            String instance = row.processInstanceId();
            ActivityInstance tree = instance == null ? null : runtime.getActivityInstance(instance);
            if (tree == null) {
                throw refused(ContactRefused.Reason.NOT_TAKEN, campaignId, contactId);
            }
            if (queue.open(campaignId, contactId).stream().anyMatch(r -> r.state() == DialAttempt.State.DIALING)) {
                throw refused(ContactRefused.Reason.IN_CALL, campaignId, contactId);
            }
            if (tree.getChildTransitionInstances().length > 0 || tree.getChildActivityInstances().length == 0) {
                throw refused(ContactRefused.Reason.BUSY, campaignId, contactId);
            }
            String settleTask = settleTask(tree.getProcessDefinitionId())
                    .orElseThrow(() -> refused(ContactRefused.Reason.UNSUPPORTED, campaignId, contactId));
            Instant now = clock.now();
            queue.cancelQueued(campaignId, contactId, null, now);
            Map<String, Object> current = runtime.getVariables(instance, List.of(PHONE, PHONE_TYPE, LOCAL_DAY));
            Object day = current.get(LOCAL_DAY);
            long attemptId = queue.recordExternal(campaignId, contactId, businessKey(campaignId, contactId),
                    (String) current.get(PHONE), (String) current.get(PHONE_TYPE), code.category(), code.code(), by,
                    comment, day == null ? LocalDate.ofInstant(now, ZoneOffset.UTC) : LocalDate.parse(day.toString()), now);
            Map<String, Object> variables = new HashMap<>();
            variables.put(ATTEMPT_ID, attemptId);
            variables.put(OUTCOME, code.category().name());
            variables.put(COMPLETION_CODE, code.code());
            variables.put(CALLBACK_AT, date(callbackAt));
            runtime.setVariables(instance, variables);
            // start the settling step first: cancelling the only waiting activity first would end the process
            ProcessInstanceModificationBuilder modification = runtime.createProcessInstanceModification(instance)
                    .startBeforeActivity(settleTask);
            for (ActivityInstance waiting : tree.getChildActivityInstances()) {
                modification.cancelActivityInstance(waiting.getId());
            }
            modification.execute();
            log.info("Contact {} in campaign {}: agent result {} by {} settled as attempt {}", contactId, campaignId,
                    code.code(), by, attemptId);
            return attemptId;
        });
    }

    // ---------------------------------------------------------------------------------------------

    private ContactInCampaign view(CampaignContacts.Row row, List<ContactRestrictions.Hold> holds, Instant now) {
        boolean finished = row.state() == CampaignContacts.State.FINISHED;
        ContactRestrictions.HoldState hold = finished ? ContactRestrictions.HoldState.NONE
                : ContactRestrictions.HoldState.of(holds, row.campaignId(), now);
        String stepId = null;
        String stepName = null;
        if (!finished && row.processInstanceId() != null) {
            ActivityInstance tree = runtime.getActivityInstance(row.processInstanceId());
            if (tree != null && tree.getChildActivityInstances().length > 0) {
                stepId = tree.getChildActivityInstances()[0].getActivityId();
                stepName = tree.getChildActivityInstances()[0].getActivityName();
            } else if (tree != null && tree.getChildTransitionInstances().length > 0) {
                TransitionInstance transition = tree.getChildTransitionInstances()[0];
                stepId = transition.getActivityId();
                stepName = transition.getActivityName();
            }
        }
        return new ContactInCampaign(row.campaignId(), finished ? ContactStatus.FINISHED : hold.status(),
                row.finalStatus(), hold.until(), row.state().name(),
                finished || hold.indefinite() ? null : row.nextDialAt(), row.attempts(), row.firstAttemptAt(),
                row.startedAt(), row.finishedAt(), stepId, stepName);
    }

    /** The contact's rows, in one campaign or all, whose processes run. */
    private List<CampaignContacts.Row> open(Long campaignId, long contactId) {
        return progress.ofContact(contactId).stream()
                .filter(row -> campaignId == null || row.campaignId() == campaignId)
                .filter(row -> row.state() != CampaignContacts.State.FINISHED && row.processInstanceId() != null)
                .toList();
    }

    private void end(CampaignContacts.Row row, FinalStatus status, String reason, Instant now) {
        queue.cancelQueued(row.campaignId(), row.contactId(), null, now);
        if (row.processInstanceId() != null
                && runtime.createProcessInstanceQuery().processInstanceId(row.processInstanceId()).count() > 0) {
            runtime.deleteProcessInstance(row.processInstanceId(),
                    "cancelled (" + status + ")" + (reason == null || reason.isBlank() ? "" : ": " + reason), false, true);
        }
        progress.finished(row.campaignId(), row.contactId(), status, now);
        events.publishEvent(new ContactStatusChanged(row.campaignId(), row.contactId(), ContactStatus.FINISHED, status,
                null, now));
    }

    /** The campaigns, in any status, that call this list. */
    private Collection<Long> campaignsCalling(long listId) {
        Set<Long> ids = new LinkedHashSet<>();
        for (CampaignStatus status : CampaignStatus.values()) {
            campaigns.withStatus(status).stream().filter(campaign -> campaign.settings().listIds().contains(listId))
                    .map(CampaignView::id).forEach(ids::add);
        }
        return ids;
    }

    /**
     * Fires the process's timers now: the calling-window timer only (the strategy plans again), or every timer (its
     * queued request was cancelled: the outcome's deadline passes at once and the strategy plans again).
     */
    private void wake(String instance, boolean windowsOnly, Instant now) {
        var query = management.createJobQuery().processInstanceId(instance).timers();
        if (windowsOnly) {
            query.activityId(CampaignIntake.WINDOW_TIMER);
        }
        for (Job job : query.list()) {
            if (job.getDuedate() == null || job.getDuedate().toInstant().isAfter(now)) {
                management.setJobDuedate(job.getId(), Date.from(now));
            }
        }
    }

    private Optional<String> settleTask(String processDefinitionId) {
        return repository.getBpmnModelInstance(processDefinitionId).getModelElementsByType(ServiceTask.class).stream()
                .filter(task -> task.getCamundaDelegateExpression() != null
                        && task.getCamundaDelegateExpression().replaceAll("\\s", "").equals(SETTLE_OUTCOME))
                .map(ServiceTask::getId).findFirst();
    }

    private static ContactRefused refused(ContactRefused.Reason reason, long campaignId, long contactId) {
        return new ContactRefused(reason, campaignId, "contact " + contactId + " in campaign " + campaignId + ": " + reason);
    }

    private static <T> T guarded(Long campaignId, Supplier<T> change) {
        try {
            return change.get();
        } catch (OptimisticLockingException e) {
            throw new ContactRefused(ContactRefused.Reason.CHANGED_MEANWHILE, campaignId == null ? 0 : campaignId,
                    "changed meanwhile: " + e.getMessage());
        }
    }
}
