package org.dozvon.campaigns;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import org.dozvon.Violation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.interceptor.TransactionAspectSupport;

/**
 * Completion codes and code groups. The public methods are the module's API: the workplace offers a
 * campaign's group, telephony results map to the system code of their category, strategies read a
 * code's resolution, delay and limit.
 */
@Service
public class CompletionCodes {

    static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9_]{0,31}");
    static final int MAX_DELAY_SECONDS = 90 * 24 * 3600;
    static final int MAX_ATTEMPTS = 1000;
    private static final Logger log = LoggerFactory.getLogger(CompletionCodes.class);

    private final CompletionCodeStore store;
    private final Clock clock;

    CompletionCodes(CompletionCodeStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** Every code, system codes first, inactive ones included. */
    public List<CompletionCode> codes() {
        return store.codes();
    }

    /** The code with this key ({@code THINK_IT_OVER}), whatever its case. */
    public Optional<CompletionCode> code(String code) {
        return code == null ? Optional.empty() : store.byCode(code.strip().toUpperCase(Locale.ROOT));
    }

    public Optional<CompletionCode> code(long id) {
        return store.byId(id);
    }

    /** The code telephony gives an attempt of this category when nobody gives another. Always there. */
    public CompletionCode systemCode(OutcomeCategory category) {
        return store.system(category).orElseThrow(() -> new IllegalStateException("no system code for " + category));
    }

    public List<CodeGroup> groups() {
        return store.groups();
    }

    public Optional<CodeGroup> group(long id) {
        return store.group(id);
    }

    // ---- changes, for this module's pages and API

    CompletionCode existing(long id) {
        return store.byId(id).orElseThrow(() -> new ReferenceNotFound("completion code " + id));
    }

    CodeGroup existingGroup(long id) {
        return store.group(id).orElseThrow(() -> new ReferenceNotFound("code group " + id));
    }

    /**
     * Creates an operator code ({@code id} null) or changes one. A system code keeps its key, kind
     * and category and stays active; everything else about it may change.
     */
    @Transactional
    ReferenceResult save(Long id, CodeDraft draft) {
        CompletionCode old = id == null ? null : existing(id);
        List<Violation> violations = check(old, draft);
        if (!violations.isEmpty()) {
            return ReferenceResult.refused(violations);
        }
        String name = draft.name().strip();
        String description = blankToNull(draft.description());
        boolean active = draft.active() == null ? old == null || old.active() : draft.active();
        if (old == null) {
            String code = draft.code().strip().toUpperCase(Locale.ROOT);
            long newId = store.insert(new CompletionCode(0, code, name, description, CodeKind.OPERATOR, draft.category(),
                    draft.resolution(), draft.retryDelaySeconds(), draft.maxAttempts(), active), clock.instant());
            log.info("Completion code {} created", code);
            return ReferenceResult.done(newId);
        }
        store.update(new CompletionCode(old.id(), old.code(), name, description, old.kind(),
                old.kind() == CodeKind.SYSTEM ? old.category() : draft.category(),
                draft.resolution(), draft.retryDelaySeconds(), draft.maxAttempts(), active), clock.instant());
        return ReferenceResult.done(old.id());
    }

    /** What is wrong with saving {@code draft} over {@code old} (null for a new code); nothing is changed. */
    List<Violation> check(Long id, CodeDraft draft) {
        return check(id == null ? null : existing(id), draft);
    }

    private List<Violation> check(CompletionCode old, CodeDraft draft) {
        List<Violation> violations = new ArrayList<>();
        String code = draft.code() == null ? "" : draft.code().strip().toUpperCase(Locale.ROOT);
        if (old == null) {
            if (code.isEmpty()) {
                violations.add(new Violation("code", "codes.error.codeRequired"));
            } else if (!CODE.matcher(code).matches()) {
                violations.add(new Violation("code", "codes.error.code", code));
            } else if (store.byCode(code).isPresent()) {
                violations.add(new Violation("code", "codes.error.codeTaken", code));
            }
        }
        String name = draft.name() == null ? "" : draft.name().strip();
        if (name.isEmpty()) {
            violations.add(new Violation("name", "codes.error.name"));
        } else if (name.length() > 200) {
            violations.add(new Violation("name", "codes.error.nameLength", 200));
        }
        if (old != null && old.kind() == CodeKind.SYSTEM) {
            if (draft.category() != null && draft.category() != old.category()) {
                violations.add(new Violation("category", "codes.error.systemCategory"));
            }
        } else if (draft.category() == null) {
            violations.add(new Violation("category", "codes.error.category"));
        }
        if (draft.resolution() == null) {
            violations.add(new Violation("resolution", "codes.error.resolution"));
        }
        Integer delay = draft.retryDelaySeconds();
        Integer max = draft.maxAttempts();
        if (delay != null && (delay < 1 || delay > MAX_DELAY_SECONDS)) {
            violations.add(new Violation("retryDelaySeconds", "codes.error.delay", MAX_DELAY_SECONDS));
        }
        if (max != null && (max < 1 || max > MAX_ATTEMPTS)) {
            violations.add(new Violation("maxAttempts", "codes.error.maxAttempts", MAX_ATTEMPTS));
        }
        if (draft.resolution() != null && draft.resolution().isFinal() && (delay != null || max != null)) {
            violations.add(new Violation(delay != null ? "retryDelaySeconds" : "maxAttempts", "codes.error.finalNotRetried"));
        }
        if (old != null && old.kind() == CodeKind.SYSTEM && Boolean.FALSE.equals(draft.active())) {
            violations.add(new Violation("active", "codes.error.systemActive"));
        }
        return violations;
    }

    /** Switches an operator code on or off; system codes are always active. */
    @Transactional
    ReferenceResult setActive(long id, boolean active) {
        CompletionCode code = existing(id);
        if (code.kind() == CodeKind.SYSTEM && !active) {
            return ReferenceResult.refused("active", "codes.error.systemActive");
        }
        store.setActive(id, active, clock.instant());
        return ReferenceResult.done(id);
    }

    /**
     * Deletes an operator code that no group holds. A code in a group is refused, naming the groups:
     * remove it from them first, or deactivate it (which keeps it for the history that refers to it).
     */
    @Transactional
    ReferenceResult delete(long id) {
        CompletionCode code = existing(id);
        if (code.kind() == CodeKind.SYSTEM) {
            return ReferenceResult.refused("code", "codes.error.systemDelete", code.code());
        }
        List<String> groups = store.groupsHolding(id);
        if (!groups.isEmpty()) {
            return ReferenceResult.refused("code", "codes.error.deleteInGroup", code.code(), String.join(", ", groups));
        }
        store.delete(id);
        log.info("Completion code {} deleted", code.code());
        return ReferenceResult.done(id);
    }

    /**
     * Creates a group ({@code id} null) or renames one; with {@code codes} not null, its members become
     * these operator codes (keys, any case) in this order.
     */
    @Transactional
    ReferenceResult saveGroup(Long id, String name, String description, List<String> codes) {
        if (id != null) {
            existingGroup(id);
        }
        List<Violation> violations = new ArrayList<>();
        String clean = name == null ? "" : name.strip();
        if (clean.isEmpty()) {
            violations.add(new Violation("name", "groups.error.name"));
        } else if (clean.length() > 200) {
            violations.add(new Violation("name", "codes.error.nameLength", 200));
        } else if (store.groupNameTaken(clean, id)) {
            violations.add(new Violation("name", "groups.error.nameTaken", clean));
        }
        List<Long> members = new ArrayList<>();
        if (codes != null) {
            List<String> unknown = new ArrayList<>();
            List<String> system = new ArrayList<>();
            for (String key : new LinkedHashSet<>(codes.stream().map(c -> c == null ? "" : c.strip().toUpperCase(Locale.ROOT)).toList())) {
                Optional<CompletionCode> code = store.byCode(key);
                if (code.isEmpty()) {
                    unknown.add(key);
                } else if (code.get().kind() == CodeKind.SYSTEM) {
                    system.add(key);
                } else {
                    members.add(code.get().id());
                }
            }
            if (!unknown.isEmpty()) {
                violations.add(new Violation("codes", "groups.error.unknownCodes", String.join(", ", unknown)));
            }
            if (!system.isEmpty()) {
                violations.add(new Violation("codes", "groups.error.systemCode", String.join(", ", system)));
            }
        }
        if (!violations.isEmpty()) {
            return ReferenceResult.refused(violations);
        }
        long groupId;
        if (id == null) {
            groupId = store.insertGroup(clean, blankToNull(description), clock.instant());
        } else {
            groupId = id;
            store.updateGroup(id, clean, blankToNull(description), clock.instant());
        }
        if (codes != null) {
            store.setMembers(groupId, members);
        }
        return ReferenceResult.done(groupId);
    }

    /** Adds an operator code at the end of the group; a code already there stays where it is. */
    @Transactional
    ReferenceResult addToGroup(long groupId, long codeId) {
        CodeGroup group = existingGroup(groupId);
        CompletionCode code = existing(codeId);
        if (code.kind() == CodeKind.SYSTEM) {
            return ReferenceResult.refused("codeId", "groups.error.systemCode", code.code());
        }
        List<Long> members = new ArrayList<>(group.codes().stream().map(CompletionCode::id).toList());
        if (!members.contains(codeId)) {
            members.add(codeId);
            store.setMembers(groupId, members);
        }
        return ReferenceResult.done(groupId);
    }

    @Transactional
    ReferenceResult removeFromGroup(long groupId, long codeId) {
        CodeGroup group = existingGroup(groupId);
        store.setMembers(groupId, group.codes().stream().map(CompletionCode::id).filter(member -> member != codeId).toList());
        return ReferenceResult.done(groupId);
    }

    /** Moves a member one place up ({@code -1}) or down ({@code 1}). */
    @Transactional
    ReferenceResult moveInGroup(long groupId, long codeId, int direction) {
        CodeGroup group = existingGroup(groupId);
        List<Long> members = new ArrayList<>(group.codes().stream().map(CompletionCode::id).toList());
        int from = members.indexOf(codeId);
        int to = from + Integer.signum(direction);
        if (from >= 0 && to >= 0 && to < members.size()) {
            members.set(from, members.get(to));
            members.set(to, codeId);
            store.setMembers(groupId, members);
        }
        return ReferenceResult.done(groupId);
    }

    /**
     * Deletes a group. A group that a campaign refers to is refused (the campaign's foreign key says
     * so), and nothing is changed.
     */
    @Transactional
    ReferenceResult deleteGroup(long id) {
        CodeGroup group = existingGroup(id);
        try {
            store.deleteGroup(id);
        } catch (DataIntegrityViolationException e) {
            TransactionAspectSupport.currentTransactionStatus().setRollbackOnly();
            return ReferenceResult.refused("group", "groups.error.inUse", group.name());
        }
        log.info("Code group '{}' deleted", group.name());
        return ReferenceResult.done(id);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    /** What a page or the API asks a code to be; null fields are missing. */
    record CodeDraft(String code, String name, String description, OutcomeCategory category,
                     CodeResolution resolution, Integer retryDelaySeconds, Integer maxAttempts, Boolean active) {
    }
}
