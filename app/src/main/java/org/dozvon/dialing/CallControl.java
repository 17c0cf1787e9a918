package org.dozvon.dialing;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.dozvon.access.Audit;
import org.dozvon.access.DozvonUser;
import org.dozvon.campaigns.CampaignView;
import org.dozvon.campaigns.Campaigns;
import org.dozvon.contacts.ContactCards;
import org.dozvon.contacts.PhoneNumbers;
import org.dozvon.telephony.CallId;
import org.dozvon.telephony.Endpoints;
import org.dozvon.telephony.PbxPort;
import org.dozvon.telephony.SpyMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What an operator does to its call from the workplace (issue 6, point 4): hang up, hold and resume, transfer to
 * another operator or to an IVR number, and a manual call outside the queue. Calls are controlled through this
 * node's PBX port, so only calls this node's dialer follows can be controlled (every call is followed by the node
 * that placed it).
 *
 * <p>Transfers: the operator who transfers goes to WRAP_UP for its own part (its wrap-up's code and comment are
 * kept as a note with the call; they do not settle it); the operator it is transferred to becomes the call's
 * operator, and its wrap-up decides the outcome the strategy receives. A transfer to an IVR number ends the
 * operator's part at once: it wraps up (and decides the outcome) while the customer is in the IVR.
 *
 * <p>Manual dial: when the contact has a request waiting in the campaign's queue, that request is taken and
 * dialled now, so its outcome goes to the contact's strategy as usual; otherwise (no request waits, or a number
 * without a contact, which becomes a contact of the list "Manual calls") a request of its own, marked manual, is
 * written for the campaign: its outcome and code are settled by the dialer and count among the contact's attempts
 * (which the strategy's limits and decisions read), but no strategy step waits for it.
 *
 * <p>Supervisors' interventions (issue 7, point 2): {@link #listen} rings the supervisor's phone into the call's
 * operator leg to listen, whisper to the operator or barge in ({@link PbxPort#spy}); {@link #takeOver} moves the
 * customer to the supervisor's phone ({@link PbxPort#takeOver}): the operator wraps up its own part as after a
 * transfer (its code and comment are a note), and no one's wrap-up settles the call: its end does, as an operator's
 * wrap-up that ran out would (the PBX's outcome, ANSWERED with the campaign's default code). Both need a call this
 * node follows, answered and bridged to an operator IN_CALL (not held, not taken over already), and are recorded in
 * the audit journal ({@code call.listen}, {@code call.whisper}, {@code call.barge}, {@code call.take-over}) before
 * the PBX is asked.
 */
@Service
public class CallControl {

    private static final Logger log = LoggerFactory.getLogger(CallControl.class);

    private final Dialer dialer;
    private final PbxPort port;
    private final OperatorPool operators;
    private final IvrNumbers ivrNumbers;
    private final DialQueue queue;
    private final CallAttemptStore attempts;
    private final Campaigns campaigns;
    private final ContactCards cards;
    private final PhoneNumbers phones;
    private final CallerIdChoice callerIds;
    private final TransactionTemplate transactions;
    private final Audit audit;
    private final Clock clock;

    CallControl(Dialer dialer, PbxPort port, OperatorPool operators, IvrNumbers ivrNumbers, DialQueue queue,
                CallAttemptStore attempts, Campaigns campaigns, ContactCards cards, PhoneNumbers phones,
                CallerIdChoice callerIds, TransactionTemplate transactions, Audit audit, Clock clock) {
        this.dialer = dialer;
        this.port = port;
        this.operators = operators;
        this.ivrNumbers = ivrNumbers;
        this.queue = queue;
        this.attempts = attempts;
        this.campaigns = campaigns;
        this.cards = cards;
        this.phones = phones;
        this.callerIds = callerIds;
        this.transactions = transactions;
        this.audit = audit;
        this.clock = clock;
    }

    /** What came of a control. */
    public enum Result {
        DONE,
        /** This node follows no such call in progress (it ended, or another node placed it). */
        NO_CALL,
        /** The target operator is not READY with a phone (or is the call's own operator). */
        OPERATOR_NOT_READY,
        /** No IVR number with that code. */
        NO_IVR_NUMBER,
        /** Manual dial: the operator holds a call, is offline or has no phone. */
        OPERATOR_BUSY,
        NO_CAMPAIGN,
        NO_CONTACT,
        /** Not a phone number (or the contact has none). */
        BAD_NUMBER,
        /** The PBX is not connected or the dialer does not run on this node. */
        PBX_DOWN,
        /** Supervisor interventions: no call attempt has this id. */
        NO_ATTEMPT,
        /**
         * Supervisor interventions: the call is not answered and bridged to an operator now (still dialling or
         * waiting, on hold, taken over already, over, or followed by another node).
         */
        NOT_CONNECTED,
        /** Supervisor interventions: the supervisor's phone is not an endpoint the PBX can dial ({@link Endpoints}). */
        BAD_ENDPOINT
    }

    /** Hangs the call up; its operator goes to wrap-up when the end arrives. */
    public Result hangUp(long attemptId) {
        if (!dialer.follows(attemptId)) {
            return Result.NO_CALL;
        }
        port.hangUp(callId(attemptId));
        log.info("Call {} hung up from the workplace", callId(attemptId));
        return Result.DONE;
    }

    /** Puts the customer on hold (music); the operator's phone is released until {@link #resume}. */
    public Result hold(long attemptId) {
        if (!dialer.talking(attemptId) || dialer.held(attemptId)) {
            return Result.NO_CALL;
        }
        dialer.held(attemptId, true);
        port.hold(callId(attemptId));
        return Result.DONE;
    }

    /** Connects the held customer to the call's operator again. */
    public Result resume(long attemptId) {
        Optional<OperatorPool.Seat> holder = operators.holder(attemptId);
        if (!dialer.held(attemptId) || holder.isEmpty() || holder.get().endpoint() == null) {
            return Result.NO_CALL;
        }
        port.connectToOperator(callId(attemptId), holder.get().endpoint(),
                operators.autoAnswer(holder.get().operatorId()));
        return Result.DONE;
    }

    /** Whether the call is on hold now. */
    public boolean held(long attemptId) {
        return dialer.held(attemptId);
    }

    /**
     * Transfers the call to a READY operator: the target is reserved (RINGING) and the customer connected to its
     * phone; the call's operator wraps up its own part.
     */
    public Result transferToOperator(long attemptId, long operatorId) {
        Optional<OperatorPool.Seat> holder = operators.holder(attemptId);
        if (!dialer.talking(attemptId) || holder.isEmpty() || holder.get().state() != OperatorPool.SeatState.IN_CALL) {
            return Result.NO_CALL;
        }
        Optional<OperatorPool.Seat> target = operators.working().stream()
                .filter(seat -> seat.operatorId() == operatorId && seat.state() == OperatorPool.SeatState.READY
                        && seat.endpoint() != null)
                .findFirst();
        if (target.isEmpty() || operatorId == holder.get().operatorId()) {
            return Result.OPERATOR_NOT_READY;
        }
        long campaignId = dialer.campaignOf(attemptId);
        Instant partUntil = clock.instant().plusSeconds(dialer.wrapUpSeconds(attemptId));
        Boolean moved = transactions.execute(status -> {
            if (!operators.handOver(attemptId, partUntil)
                    || !operators.reserve(operatorId, campaignId, attemptId, OperatorPool.SeatState.RINGING, null)) {
                status.setRollbackOnly();
                return false;
            }
            return true;
        });
        if (!Boolean.TRUE.equals(moved)) {
            return Result.OPERATOR_NOT_READY;
        }
        OperatorPool.Seat to = target.get();
        dialer.operatorChanged(attemptId, operatorId, to.name(), to.wrapUpSeconds());
        dialer.held(attemptId, false);
        port.connectToOperator(callId(attemptId), to.endpoint(), operators.autoAnswer(operatorId));
        log.info("Call {} transferred from operator '{}' to '{}'", callId(attemptId), holder.get().name(), to.name());
        return Result.DONE;
    }

    /**
     * Sends the customer to an IVR number (its dialplan context and extension); the operator's phone is released
     * and the operator wraps up at once.
     */
    public Result transferToIvr(long attemptId, String ivrNumberCode) {
        Optional<IvrNumber> ivr = ivrNumbers.byCode(ivrNumberCode);
        if (ivr.isEmpty()) {
            return Result.NO_IVR_NUMBER;
        }
        if (!dialer.talking(attemptId) || operators.holder(attemptId).isEmpty()) {
            return Result.NO_CALL;
        }
        port.redirect(callId(attemptId), ivr.get().context(), ivr.get().extension(), 1);
        operators.released(attemptId, true, clock.instant().plusSeconds(dialer.wrapUpSeconds(attemptId)));
        log.info("Call {} transferred to the IVR number {}", callId(attemptId), ivr.get().code());
        return Result.DONE;
    }

    /**
     * A supervisor joins the call at {@code supervisorEndpoint} (its phone rings; once answered it hears the call):
     * LISTEN only, WHISPER to the operator, or BARGE in on both. The supervisor's leg is no part of the attempt: it
     * ends by itself when the operator's leg does (a transfer, a hold, the end of the call), and neither its start nor
     * its end changes the attempt. Recorded in the audit journal as {@code call.listen}, {@code call.whisper} or
     * {@code call.barge} (object {@code call}, the attempt id; after: endpoint, operatorId, operator).
     *
     * @return DONE when the PBX was asked; otherwise NO_ATTEMPT, BAD_ENDPOINT, PBX_DOWN or NOT_CONNECTED
     */
    public Result listen(long attemptId, String supervisorEndpoint, SpyMode mode, DozvonUser supervisor) {
        Joinable call = joinable(attemptId, supervisorEndpoint);
        if (call.refusal() != null) {
            return call.refusal();
        }
        String action = "call." + mode.name().toLowerCase(Locale.ROOT);
        transactions.executeWithoutResult(status -> audit.record(supervisor, action, "call", attemptId, null,
                details(call)));
        port.spy(callId(attemptId), call.endpoint(), mode);
        log.info("{} of call {} (operator '{}') by {} on {}", mode, callId(attemptId), call.operator().name(),
                supervisor.getUsername(), call.endpoint());
        return Result.DONE;
    }

    /**
     * A supervisor takes the call over: the customer is connected to {@code supervisorEndpoint} and the operator's
     * phone is released; the operator wraps up its own part (WRAP_UP, handed over: its code and comment become a note
     * with the call). The attempt is settled when the call ends, with the PBX's outcome and, when ANSWERED, the
     * campaign's default completion code. Recorded in the audit journal as {@code call.take-over} in the transaction
     * that hands the operator's part over, and as {@code taken_over_at} / {@code taken_over_to} of the attempt.
     *
     * @return DONE when the PBX was asked; otherwise NO_ATTEMPT, BAD_ENDPOINT, PBX_DOWN or NOT_CONNECTED
     */
    public Result takeOver(long attemptId, String supervisorEndpoint, DozvonUser supervisor) {
        Joinable call = joinable(attemptId, supervisorEndpoint);
        if (call.refusal() != null) {
            return call.refusal();
        }
        Instant now = clock.instant();
        Instant partUntil = now.plusSeconds(dialer.wrapUpSeconds(attemptId));
        // before the hand-over commits: an end arriving meanwhile must not wait for a wrap-up that settles nothing
        dialer.takenOver(attemptId, true);
        Boolean moved = null;
        try {
            moved = transactions.execute(status -> {
                if (!operators.handOver(attemptId, partUntil)) {
                    status.setRollbackOnly();
                    return false;
                }
                attempts.takenOver(attemptId, call.endpoint(), now);
                audit.record(supervisor, "call.take-over", "call", attemptId, null, details(call));
                return true;
            });
        } finally {
            if (!Boolean.TRUE.equals(moved)) {
                dialer.takenOver(attemptId, false);
            }
        }
        if (!Boolean.TRUE.equals(moved)) {
            return Result.NOT_CONNECTED;
        }
        dialer.held(attemptId, false);
        port.takeOver(callId(attemptId), call.endpoint());
        log.info("Call {} taken over from operator '{}' by {} on {}", callId(attemptId), call.operator().name(),
                supervisor.getUsername(), call.endpoint());
        return Result.DONE;
    }

    /** A call a supervisor may join, or why not. */
    private record Joinable(Result refusal, OperatorPool.Seat operator, String endpoint) {
    }

    private Joinable joinable(long attemptId, String supervisorEndpoint) {
        if (!attempts.exists(attemptId)) {
            return new Joinable(Result.NO_ATTEMPT, null, null);
        }
        String endpoint = supervisorEndpoint == null ? "" : supervisorEndpoint.strip();
        if (!Endpoints.valid(endpoint)) {
            return new Joinable(Result.BAD_ENDPOINT, null, null);
        }
        if (!dialer.listening()) {
            return new Joinable(Result.PBX_DOWN, null, null);
        }
        Optional<OperatorPool.Seat> holder = operators.holder(attemptId);
        if (!dialer.talking(attemptId) || dialer.held(attemptId) || holder.isEmpty()
                || holder.get().state() != OperatorPool.SeatState.IN_CALL) {
            return new Joinable(Result.NOT_CONNECTED, null, null);
        }
        return new Joinable(null, holder.get(), endpoint);
    }

    private static Map<String, Object> details(Joinable call) {
        return Map.of("endpoint", call.endpoint(), "operatorId", call.operator().operatorId(),
                "operator", call.operator().name());
    }

    /** What a manual dial placed, or why not. */
    public record Dialled(Result result, Long attemptId) {
    }

    /**
     * Places a call outside the queue from an operator who holds none (READY or NOT_READY, logged in on a phone):
     * to a number, or to a contact (its first active phone unless a number is given), for a campaign.
     */
    public Dialled manualDial(long operatorId, String number, Long contactId, long campaignId) {
        if (!dialer.listening()) {
            return new Dialled(Result.PBX_DOWN, null);
        }
        Optional<CampaignView> campaign = campaigns.find(campaignId);
        if (campaign.isEmpty()) {
            return new Dialled(Result.NO_CAMPAIGN, null);
        }
        String e164 = null;
        if (number != null && !number.isBlank()) {
            PhoneNumbers.Normalized normalized = phones.normalize(number.strip());
            if (!normalized.valid()) {
                return new Dialled(Result.BAD_NUMBER, null);
            }
            e164 = normalized.e164();
        }
        Instant now = clock.instant();
        Long contact = contactId;
        String zone = null;
        if (contact != null) {
            Optional<ContactCards.Card> card = cards.card(contact);
            if (card.isEmpty()) {
                return new Dialled(Result.NO_CONTACT, null);
            }
            Optional<ContactCards.Phone> first = card.get().phones().stream().filter(ContactCards.Phone::active)
                    .findFirst();
            if (e164 == null) {
                if (first.isEmpty()) {
                    return new Dialled(Result.BAD_NUMBER, null);
                }
                e164 = first.get().number();
            }
            zone = first.map(ContactCards.Phone::timeZone).orElse(null);
        } else if (e164 == null) {
            return new Dialled(Result.BAD_NUMBER, null);
        }
        Optional<OperatorPool.Seat> seat = operators.free(operatorId);
        if (seat.isEmpty() || seat.get().endpoint() == null) {
            return new Dialled(Result.OPERATOR_BUSY, null);
        }
        String phone = e164;
        String callerId = callerIds.pick(campaign.get());
        String timeZone = zone;
        ZoneId campaignZone = campaign.get().settings().zone();
        DialAttempt attempt = transactions.execute(status -> {
            long who = contact != null ? contact : cards.manualContact(phone, now);
            DialAttempt taken = queue.takeQueuedOf(campaignId, who, phone, now)
                    .orElseGet(() -> queue.manual(campaignId, who, phone, timeZone,
                            LocalDate.ofInstant(now, campaignZone), now));
            dialer.record(taken, Dialer.CALL_ID_PREFIX + taken.id(), null, callerId);
            if (!operators.reserveOutsideQueue(operatorId, campaignId, taken.id())) {
                status.setRollbackOnly();
                return null;
            }
            attempts.operator(taken.id(), operatorId, seat.get().name());
            return taken;
        });
        if (attempt == null) {
            return new Dialled(Result.OPERATOR_BUSY, null);
        }
        log.info("Manual call {} to {} placed by operator '{}' for campaign {}", Dialer.CALL_ID_PREFIX + attempt.id(),
                phone, seat.get().name(), campaignId);
        dialer.placeManual(campaign.get(), attempt, callerId, seat.get());
        return new Dialled(Result.DONE, attempt.id());
    }

    private static CallId callId(long attemptId) {
        return CallId.of(Dialer.CALL_ID_PREFIX + attemptId);
    }
}
