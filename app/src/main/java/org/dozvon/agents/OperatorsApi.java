package org.dozvon.agents;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.dozvon.campaigns.CallbackType;
import org.dozvon.Violation;
import org.dozvon.access.Permission;
import org.dozvon.access.RequiresPermission;
import org.dozvon.ApiPage;
import org.dozvon.web.Problems;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/operators} and {@code /api/v1/skills}: operators, their states and skills over REST. */
@RestController
class OperatorsApi {

    private final Operators operators;
    private final Problems problems;

    OperatorsApi(Operators operators, Problems problems) {
        this.operators = operators;
        this.problems = problems;
    }

    /**
     * Operators in id order ({@link ApiPage}), each with its current state, since when ({@code stateSince}) and the
     * campaign it works for now.
     *
     * @param state      only operators in this state now
     * @param campaignId only operators working for this campaign now
     * @param q          only operators whose name contains this (any case)
     */
    @GetMapping("/api/v1/operators")
    @RequiresPermission(Permission.OPERATORS_VIEW)
    ApiPage<OperatorView> list(@RequestParam(required = false) OperatorState state,
                               @RequestParam(required = false) Long campaignId,
                               @RequestParam(defaultValue = "") String q,
                               @RequestParam(required = false) String cursor,
                               @RequestParam(required = false) Integer limit) {
        String text = q.strip().toLowerCase(Locale.ROOT);
        return ApiPage.byId(operators.all().stream()
                .filter(operator -> state == null || operator.state() == state)
                .filter(operator -> campaignId == null || campaignId.equals(operator.campaignId()))
                .filter(operator -> text.isEmpty() || operator.name().toLowerCase(Locale.ROOT).contains(text))
                .toList(), cursor, limit, OperatorView::id, operator -> operator);
    }

    @GetMapping("/api/v1/operators/{id}")
    @RequiresPermission(Permission.OPERATORS_VIEW)
    OperatorView get(@PathVariable long id) {
        return operators.operator(id).orElseThrow(() -> new OperatorNotFound(id));
    }

    @PostMapping("/api/v1/operators")
    @RequiresPermission(Permission.OPERATORS_MANAGE)
    ResponseEntity<?> create(@RequestBody OperatorRequest request) {
        Operators.Saved saved = operators.save(null, request.draft());
        return saved.ok() ? ResponseEntity.created(URI.create("/api/v1/operators/" + saved.id())).body(get(saved.id()))
                : problems.invalid(saved.violations());
    }

    @PutMapping("/api/v1/operators/{id}")
    @RequiresPermission(Permission.OPERATORS_MANAGE)
    ResponseEntity<?> update(@PathVariable long id, @RequestBody OperatorRequest request) {
        get(id);
        Operators.Saved saved = operators.save(id, request.draft());
        return saved.ok() ? ResponseEntity.ok(get(id)) : problems.invalid(saved.violations());
    }

    @DeleteMapping("/api/v1/operators/{id}")
    @RequiresPermission(Permission.OPERATORS_MANAGE)
    ResponseEntity<?> delete(@PathVariable long id) {
        get(id);
        if (!operators.delete(id)) {
            return problems.refused(HttpStatus.CONFLICT, "operators.deleteRefused");
        }
        return ResponseEntity.noContent().build();
    }

    /** Body {@code {"state": "READY"}} (READY, NOT_READY, OFFLINE); an operator in a call gets there after it. */
    @PostMapping("/api/v1/operators/{id}/state")
    @RequiresPermission(Permission.OPERATORS_MANAGE)
    ResponseEntity<?> state(@PathVariable long id, @RequestBody StateRequest request) {
        get(id);
        if (request.state() == null || request.state().holdsCall()) {
            return problems.invalid(List.of(new Violation("state", "operators.error.state")));
        }
        Operators.StateChange change = operators.changeState(id, request.state());
        if (change == Operators.StateChange.NO_PHONE) {
            return problems.refused(HttpStatus.CONFLICT, "operators.noPhone");
        }
        return ResponseEntity.ok(new StateResponse(get(id), change));
    }

    /** Body {@code {"text": "..."}}: a message the operator's workplace shows until read. */
    @PostMapping("/api/v1/operators/{id}/messages")
    @RequiresPermission(Permission.OPERATORS_MANAGE)
    ResponseEntity<?> message(@PathVariable long id, @RequestBody MessageRequest request,
                              @org.springframework.security.core.annotation.AuthenticationPrincipal
                              org.dozvon.access.DozvonUser user) {
        get(id);
        Operators.Saved saved = operators.sendMessage(id, request.text(), user.getUsername());
        return saved.ok() ? ResponseEntity.status(HttpStatus.CREATED).body(operators.unreadMessages(id))
                : problems.invalid(saved.violations());
    }

    /** The operator's pool: the campaigns it may work (empty: any campaign it qualifies for). */
    @GetMapping("/api/v1/operators/{id}/campaigns")
    @RequiresPermission(Permission.OPERATORS_VIEW)
    PoolBody campaigns(@PathVariable long id) {
        return new PoolBody(List.copyOf(operators.campaignsOf(id)));
    }

    /** Body {@code {"campaigns": [5, 7]}} replaces the operator's pool ({@code []}: any campaign); 404 for an unknown one. */
    @PutMapping("/api/v1/operators/{id}/campaigns")
    @RequiresPermission(Permission.OPERATORS_MANAGE)
    ResponseEntity<?> changeCampaigns(@PathVariable long id, @RequestBody PoolBody request,
                                      @org.springframework.security.core.annotation.AuthenticationPrincipal
                                      org.dozvon.access.DozvonUser user) {
        get(id);
        if (request == null || request.campaigns() == null || request.campaigns().contains(null)) {
            return problems.invalid(List.of(new Violation("campaigns", "operators.error.campaigns")));
        }
        return ResponseEntity.ok(new PoolBody(List.copyOf(operators.changeCampaigns(id, request.campaigns(), user))));
    }

    /**
     * Body {@code {"campaignId": 5}} moves the operator to that campaign by force ({@code null}: back to ordinary
     * routing); {@code effective} says whether it moved at once or moves after its call. 422 when the campaign is not
     * running nor paused, dials without operators or needs a skill the operator lacks, or the operator is logged out.
     */
    @PostMapping("/api/v1/operators/{id}/move")
    @RequiresPermission(Permission.OPERATORS_MANAGE)
    ResponseEntity<?> move(@PathVariable long id, @RequestBody MoveRequest request,
                           @org.springframework.security.core.annotation.AuthenticationPrincipal
                           org.dozvon.access.DozvonUser user) {
        Operators.Move move = operators.moveTo(id, request == null ? null : request.campaignId(), user);
        return move.ok() ? ResponseEntity.ok(new StateResponse(get(id), move.effective()))
                : problems.invalid(move.violations());
    }

    /** Places the call the operator previews at once. */
    @PostMapping("/api/v1/operators/{id}/dial-now")
    @RequiresPermission(Permission.OPERATORS_MANAGE)
    ResponseEntity<?> dialNow(@PathVariable long id) {
        get(id);
        return operators.dialNow(id) ? ResponseEntity.ok(get(id)) : problems.refused(HttpStatus.CONFLICT, "operators.noPreview");
    }

    /** Ends the operator's wrap-up of a call: completion code, comment, callback time and type (STANDARD by default). */
    @PostMapping("/api/v1/operators/{id}/wrap-up")
    @RequiresPermission(Permission.OPERATORS_MANAGE)
    ResponseEntity<?> wrapUp(@PathVariable long id, @RequestBody WrapUpRequest request) {
        OperatorView operator = get(id);
        if (operator.state() != OperatorState.WRAP_UP || operator.attemptId() == null
                || !operators.finishWrapUp(id, operator.attemptId(), request.completionCode(), request.comment(),
                        request.callbackAt(), request.callbackType())) {
            return problems.refused(HttpStatus.CONFLICT, "operators.noWrapUp");
        }
        return ResponseEntity.ok(get(id));
    }

    /**
     * Phones in id order ({@link ApiPage}).
     *
     * @param q    only phones whose endpoint or description contains this (any case)
     * @param free true: only phones nobody works from now; false: only those in use
     */
    @GetMapping("/api/v1/extensions")
    @RequiresPermission(Permission.OPERATORS_VIEW)
    ApiPage<Extension> extensions(@RequestParam(defaultValue = "") String q, @RequestParam(required = false) Boolean free,
                                  @RequestParam(required = false) String cursor,
                                  @RequestParam(required = false) Integer limit) {
        String text = q.strip().toLowerCase(Locale.ROOT);
        return ApiPage.byId(operators.extensions().stream()
                .filter(extension -> free == null || free == (extension.inUseBy() == null))
                .filter(extension -> text.isEmpty() || extension.endpoint().toLowerCase(Locale.ROOT).contains(text)
                        || (extension.description() != null
                        && extension.description().toLowerCase(Locale.ROOT).contains(text)))
                .toList(), cursor, limit, Extension::id, extension -> extension);
    }

    /** Body {@code {"endpoint": "PJSIP/101", "description": "..."}}. */
    @PostMapping("/api/v1/extensions")
    @RequiresPermission(Permission.OPERATORS_MANAGE)
    ResponseEntity<?> createExtension(@RequestBody ExtensionRequest request) {
        Operators.Saved saved = operators.saveExtension(null, request.endpoint(), request.description());
        return saved.ok() ? ResponseEntity.status(HttpStatus.CREATED).body(operators.extensions().stream()
                .filter(e -> e.id() == saved.id()).findFirst().orElseThrow()) : problems.invalid(saved.violations());
    }

    @DeleteMapping("/api/v1/extensions/{id}")
    @RequiresPermission(Permission.OPERATORS_MANAGE)
    ResponseEntity<?> deleteExtension(@PathVariable long id) {
        return operators.deleteExtension(id) ? ResponseEntity.noContent().build()
                : problems.refused(HttpStatus.NOT_FOUND, "extensions.error.notFound", id);
    }

    /** Skills in id order ({@link ApiPage}); {@code q} keeps those whose name contains it (any case). */
    @GetMapping("/api/v1/skills")
    @RequiresPermission(Permission.OPERATORS_VIEW)
    ApiPage<Skill> skills(@RequestParam(defaultValue = "") String q, @RequestParam(required = false) String cursor,
                          @RequestParam(required = false) Integer limit) {
        String text = q.strip().toLowerCase(Locale.ROOT);
        return ApiPage.byId(operators.skillList().stream()
                .filter(skill -> text.isEmpty() || skill.name().toLowerCase(Locale.ROOT).contains(text)).toList(),
                cursor, limit, Skill::id, skill -> skill);
    }

    @GetMapping("/api/v1/skills/{id}")
    @RequiresPermission(Permission.OPERATORS_VIEW)
    ResponseEntity<?> getSkill(@PathVariable long id) {
        return operators.skillList().stream().filter(skill -> skill.id() == id).findFirst()
                .<ResponseEntity<?>>map(ResponseEntity::ok)
                .orElseGet(() -> problems.refused(HttpStatus.NOT_FOUND, "skills.error.notFound", id));
    }

    @PostMapping("/api/v1/skills")
    @RequiresPermission(Permission.OPERATORS_MANAGE)
    ResponseEntity<?> createSkill(@RequestBody SkillRequest request) {
        Operators.Saved saved = operators.saveSkill(null, request.name(), request.description());
        return saved.ok() ? ResponseEntity.created(URI.create("/api/v1/skills/" + saved.id())).body(skill(saved.id()))
                : problems.invalid(saved.violations());
    }

    @PutMapping("/api/v1/skills/{id}")
    @RequiresPermission(Permission.OPERATORS_MANAGE)
    ResponseEntity<?> updateSkill(@PathVariable long id, @RequestBody SkillRequest request) {
        if (operators.skillList().stream().noneMatch(skill -> skill.id() == id)) {
            return problems.refused(HttpStatus.NOT_FOUND, "skills.error.notFound", id);
        }
        Operators.Saved saved = operators.saveSkill(id, request.name(), request.description());
        return saved.ok() ? ResponseEntity.ok(skill(id)) : problems.invalid(saved.violations());
    }

    @DeleteMapping("/api/v1/skills/{id}")
    @RequiresPermission(Permission.OPERATORS_MANAGE)
    ResponseEntity<?> deleteSkill(@PathVariable long id) {
        return operators.deleteSkill(id) ? ResponseEntity.noContent().build()
                : problems.refused(HttpStatus.NOT_FOUND, "skills.error.notFound", id);
    }

    private Skill skill(long id) {
        return operators.skillList().stream().filter(skill -> skill.id() == id).findFirst().orElseThrow();
    }

    record OperatorRequest(String name, Long userId, String endpoint, Integer wrapUpSeconds, Map<Long, Integer> skills) {
        Operators.OperatorDraft draft() {
            return new Operators.OperatorDraft(name, userId, endpoint, wrapUpSeconds, skills);
        }
    }

    record StateRequest(OperatorState state) {
    }

    record StateResponse(OperatorView operator, Operators.StateChange effective) {
    }

    record WrapUpRequest(String completionCode, String comment, Instant callbackAt, CallbackType callbackType) {
    }

    record ExtensionRequest(String endpoint, String description) {
    }

    record MessageRequest(String text) {
    }

    record PoolBody(List<Long> campaigns) {
    }

    record MoveRequest(Long campaignId) {
    }

    record SkillRequest(String name, String description) {
    }
}
