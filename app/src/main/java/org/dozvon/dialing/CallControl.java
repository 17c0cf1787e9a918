package org.dozvon.dialing;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;

import org.dozvon.campaigns.CampaignView;
import org.dozvon.campaigns.Campaigns;
import org.dozvon.contacts.ContactCards;
import org.dozvon.contacts.PhoneNumbers;
import org.dozvon.telephony.CallId;
import org.dozvon.telephony.PbxPort;
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
    private final Clock clock;

    CallControl(Dialer dialer, PbxPort port, OperatorPool operators, IvrNumbers ivrNumbers, DialQueue queue,
                CallAttemptStore attempts, Campaigns campaigns, ContactCards cards, PhoneNumbers phones,
                CallerIdChoice callerIds, TransactionTemplate transactions, Clock clock) {
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
        PBX_DOWN
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
