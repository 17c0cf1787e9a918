package org.dozvon.crm;

import java.net.URI;
import java.time.Instant;

import org.dozvon.access.DozvonUser;
import org.dozvon.access.Permission;
import org.dozvon.access.RequiresPermission;
import org.dozvon.strategy.FinalStatus;
import org.dozvon.ApiPage;
import org.dozvon.InvalidRequest;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/crm-statuses}: the CRM status mapping — each status a CRM sends with a contact ({@code crmStatus}
 * in {@code PATCH /api/v1/contacts/{id}} or in a contact of {@code POST /api/v1/contact-lists/{id}/contacts}) and its
 * action: CALL, POSTPONE (with {@code postponeMinutes} for when the CRM gives no date), DO_NOT_TOUCH, FINAL (with
 * {@code finalStatus}). Reading needs CONTACTS_VIEW, changing CONTACTS_MANAGE.
 */
@RestController
@RequestMapping("/api/v1/crm-statuses")
class CrmStatusesApi {

    private final CrmStatuses statuses;

    CrmStatusesApi(CrmStatuses statuses) {
        this.statuses = statuses;
    }

    record CrmStatusDto(Long id, String code, String name, CrmAction action, Integer postponeMinutes,
                        FinalStatus finalStatus, Instant createdAt, Instant updatedAt) {
        static CrmStatusDto of(CrmStatus status) {
            return new CrmStatusDto(status.id(), status.code(), status.name(), status.action(), status.postponeMinutes(),
                    status.finalStatus(), status.createdAt(), status.updatedAt());
        }
    }

    /** @param action CALL, POSTPONE, DO_NOT_TOUCH or FINAL */
    record Body(String code, String name, String action, Integer postponeMinutes, String finalStatus) {
        CrmStatuses.Draft draft() {
            return new CrmStatuses.Draft(code, name, action, postponeMinutes == null ? null : postponeMinutes.toString(),
                    finalStatus);
        }
    }

    /** Every status, by code: one page. */
    @GetMapping
    @RequiresPermission(Permission.CONTACTS_VIEW)
    ApiPage<CrmStatusDto> statuses(@RequestParam(required = false) String cursor,
                                   @RequestParam(required = false) Integer limit) {
        return ApiPage.byId(statuses.all(), cursor, limit, CrmStatus::id, CrmStatusDto::of);
    }

    @GetMapping("/{id}")
    @RequiresPermission(Permission.CONTACTS_VIEW)
    CrmStatusDto status(@PathVariable long id) {
        return CrmStatusDto.of(statuses.find(id).orElseThrow(() -> new NotFound("CRM status " + id)));
    }

    @PostMapping
    @RequiresPermission(Permission.CONTACTS_MANAGE)
    ResponseEntity<CrmStatusDto> create(@RequestBody Body body, @AuthenticationPrincipal DozvonUser user) {
        CrmStatuses.Saved saved = statuses.save(null, body.draft(), user);
        if (!saved.ok()) {
            throw new InvalidRequest(saved.violations());
        }
        return ResponseEntity.created(URI.create("/api/v1/crm-statuses/" + saved.id())).body(status(saved.id()));
    }

    @PutMapping("/{id}")
    @RequiresPermission(Permission.CONTACTS_MANAGE)
    CrmStatusDto update(@PathVariable long id, @RequestBody Body body, @AuthenticationPrincipal DozvonUser user) {
        CrmStatuses.Saved saved = statuses.save(id, body.draft(), user);
        if (!saved.ok()) {
            throw new InvalidRequest(saved.violations());
        }
        return status(id);
    }

    /** Deletes a status; contacts that last had it keep it as their last CRM status. */
    @DeleteMapping("/{id}")
    @RequiresPermission(Permission.CONTACTS_MANAGE)
    ResponseEntity<Void> delete(@PathVariable long id, @AuthenticationPrincipal DozvonUser user) {
        if (!statuses.delete(id, user)) {
            throw new NotFound("CRM status " + id);
        }
        return ResponseEntity.noContent().build();
    }
}
