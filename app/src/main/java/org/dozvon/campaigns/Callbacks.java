package org.dozvon.campaigns;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import org.dozvon.Violation;
import org.dozvon.contacts.PhoneNumbers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.event.EventListener;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Callbacks: scheduled by operators at wrap-up, by supervisors and by CRMs; taken by dialing when due.
 * The public methods are the module's API.
 */
@Service
public class Callbacks {

    static final int MAX_COMMENT = 1000;
    private static final Pattern USERNAME = Pattern.compile("[\\p{L}\\p{N}._@-]{1,100}");
    private static final Logger log = LoggerFactory.getLogger(Callbacks.class);

    private final CallbackStore store;
    private final CampaignStore campaigns;
    private final PhoneNumbers phoneNumbers;
    private final Clock clock;

    Callbacks(CallbackStore store, CampaignStore campaigns, PhoneNumbers phoneNumbers, Clock clock) {
        this.store = store;
        this.campaigns = campaigns;
        this.phoneNumbers = phoneNumbers;
        this.clock = clock;
    }

    /**
     * Schedules a callback. The contact and the campaign must exist. The phone is
     * normalised to E.164; a PERSONAL callback names its operator, the others none; the window must
     * end after it starts and after now.
     *
     * @param createdBy who asks: a user name, or a description such as {@code api: crm}
     * @throws CallbackRefused with one violation per wrong field
     */
    @Transactional
    public Callback schedule(NewCallback request, String createdBy) {
        Instant now = clock.instant();
        List<Violation> violations = new ArrayList<>();
        if (request.contactId() == null) {
            violations.add(new Violation("contactId", "callbacks.error.contactRequired"));
        }
        if (request.campaignId() == null) {
            violations.add(new Violation("campaignId", "callbacks.error.campaignRequired"));
        }
        PhoneNumbers.Normalized phone = phoneNumbers.normalize(request.phone());
        if (!phone.valid()) {
            violations.add(new Violation("phone", "callbacks.error.phone", request.phone() == null ? "" : request.phone(), phone.problem()));
        }
        String operator = request.operator() == null || request.operator().isBlank() ? null : request.operator().strip();
        if (request.type() == null) {
            violations.add(new Violation("type", "callbacks.error.type"));
        } else if (request.type() == CallbackType.PERSONAL && operator == null) {
            violations.add(new Violation("operator", "callbacks.error.operatorRequired"));
        } else if (request.type() != CallbackType.PERSONAL && operator != null) {
            violations.add(new Violation("operator", "callbacks.error.operatorOnlyPersonal"));
        }
        if (operator != null && !USERNAME.matcher(operator).matches()) {
            violations.add(new Violation("operator", "callbacks.error.operator", operator));
        }
        if (request.windowFrom() == null) {
            violations.add(new Violation("windowFrom", "callbacks.error.windowFrom"));
        }
        if (request.windowTo() == null) {
            violations.add(new Violation("windowTo", "callbacks.error.windowTo"));
        }
        if (request.windowFrom() != null && request.windowTo() != null) {
            if (!request.windowTo().isAfter(request.windowFrom())) {
                violations.add(new Violation("windowTo", "callbacks.error.windowOrder"));
            } else if (!request.windowTo().isAfter(now)) {
                violations.add(new Violation("windowTo", "callbacks.error.windowOver"));
            }
        }
        String comment = request.comment() == null || request.comment().isBlank() ? null : request.comment().strip();
        if (comment != null && comment.length() > MAX_COMMENT) {
            violations.add(new Violation("comment", "callbacks.error.comment", MAX_COMMENT));
        }
        if (request.campaignId() != null && campaigns.find(request.campaignId()).isEmpty()) {
            violations.add(new Violation("campaignId", "callbacks.error.campaign", String.valueOf(request.campaignId())));
        }
        if (!violations.isEmpty()) {
            throw new CallbackRefused(violations);
        }
        long id;
        try {
            id = store.insert(request.contactId(), request.campaignId(), phone.e164(), request.type(), operator,
                    request.windowFrom(), request.windowTo(), comment, now, createdBy);
        } catch (DataIntegrityViolationException e) {
            // the contact is not there (any more)
            throw new CallbackRefused(List.of(new Violation("contactId", "callbacks.error.contact", String.valueOf(request.contactId()))));
        }
        log.info("Callback {} scheduled for contact {} ({}, {}) by {}", id, request.contactId(), request.type(),
                phone.e164(), createdBy);
        return store.byId(id, now).orElseThrow();
    }

    public Optional<Callback> callback(long id) {
        return store.byId(id, clock.instant());
    }

    /**
     * Open callbacks whose window holds {@code now}, earliest window first: what dialing should call
     * back now. PERSONAL ones are for their operator only.
     *
     * @param campaignId only this campaign's; null for all
     * @param limit      at most this many
     */
    public List<Callback> due(Instant now, Long campaignId, int limit) {
        return store.due(now, campaignId, limit);
    }

    /** As {@link #due(Instant, Long, int)}, after a keyset position ({@code afterFrom} null: from the first). */
    List<Callback> due(Instant now, Long campaignId, Instant afterFrom, long afterId, int limit) {
        return store.due(now, campaignId, afterFrom, afterId, limit);
    }

    /**
     * How many open callbacks each campaign has now: due (the window holds now) and later (the window opens later).
     * Campaigns without any are absent.
     */
    public java.util.Map<Long, OpenCount> openCounts(java.util.Collection<Long> campaignIds) {
        return store.openCounts(campaignIds, clock.instant());
    }

    /** A campaign's open callbacks: {@code due} now, and {@code later} (window not open yet). */
    public record OpenCount(long due, long later) {
        public static final OpenCount NONE = new OpenCount(0, 0);
    }

    /**
     * The open callback of a contact in a campaign that a dial request made at {@code at} calls back: the one whose
     * window holds {@code at} or opens first after it.
     */
    public Optional<Callback> openFor(long contactId, long campaignId, Instant at) {
        return store.openFor(contactId, campaignId, at);
    }

    /** The callback a call attempt calls back, if it does. */
    public Optional<Callback> ofAttempt(long attemptId) {
        return store.ofAttempt(attemptId, clock.instant());
    }

    /** A contact's callbacks in a campaign, latest window first (at most {@code limit}). */
    public List<Callback> ofContact(long contactId, long campaignId, int limit) {
        return store.find(new CallbackStore.CallbackFilter(null, null, campaignId, contactId, null, null, null, null),
                clock.instant(), limit);
    }

    /** An operator's open PERSONAL callbacks (by user name), earliest window first. */
    public List<Callback> personal(String operator, int limit) {
        return store.personal(operator, clock.instant(), limit);
    }

    /** The dialer is calling back: the callback is DONE, by that attempt (in the dialer's transaction). */
    @EventListener
    void called(CallbackCalled called) {
        if (store.called(called.callbackId(), called.attemptId(), clock.instant())) {
            log.info("Callback {} called back by attempt {}", called.callbackId(), called.attemptId());
        }
    }

    /**
     * Marks an open callback called back.
     *
     * @throws ReferenceNotFound when there is no such callback
     * @throws CallbackClosed    when it is done, cancelled or expired
     */
    @Transactional
    public Callback complete(long id, String by) {
        return close(id, CallbackStatus.DONE, by);
    }

    /**
     * Calls off an open callback.
     *
     * @throws ReferenceNotFound when there is no such callback
     * @throws CallbackClosed    when it is done, cancelled or expired
     */
    @Transactional
    public Callback cancel(long id, String by) {
        return close(id, CallbackStatus.CANCELLED, by);
    }

    List<Callback> find(CallbackStore.CallbackFilter filter, int limit) {
        return store.find(filter, clock.instant(), limit);
    }

    /** Writes the status of open callbacks down as of {@code now}, so that other readers of the table see it. */
    @Transactional
    int sweep(Instant now) {
        return store.sweep(now);
    }

    /** A minute is plenty: readers through this API compute the status themselves. */
    @Scheduled(fixedDelay = 60_000, initialDelay = 60_000)
    void sweepNow() {
        sweep(clock.instant());
    }

    private Callback close(long id, CallbackStatus status, String by) {
        Instant now = clock.instant();
        if (store.close(id, status, now, by)) {
            log.info("Callback {} {} by {}", id, status, by);
            return store.byId(id, now).orElseThrow();
        }
        Callback callback = store.byId(id, now).orElseThrow(() -> new ReferenceNotFound("callback " + id));
        throw new CallbackClosed(callback);
    }
}
