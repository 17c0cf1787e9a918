package org.dozvon.channels;

import java.net.URI;
import java.time.Instant;

import org.dozvon.access.Permission;
import org.dozvon.access.RequiresPermission;
import org.dozvon.ApiPage;
import org.dozvon.web.Problems;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/notification-templates}: notification templates by code. */
@RestController
@RequestMapping("/api/v1/notification-templates")
@RequiresPermission(Permission.NOTIFICATIONS_MANAGE)
class NotificationTemplatesApi {

    private final NotificationTemplates templates;
    private final Problems problems;

    NotificationTemplatesApi(NotificationTemplates templates, Problems problems) {
        this.templates = templates;
        this.problems = problems;
    }

    /** Templates in code order ({@link ApiPage}), of one channel when {@code channel} is given. */
    @GetMapping
    ApiPage<TemplateDto> list(@RequestParam(required = false) Channel channel, @RequestParam(required = false) String cursor,
                              @RequestParam(required = false) Integer limit) {
        return ApiPage.byKey(templates.all(channel), cursor, limit, NotificationTemplate::code, TemplateDto::of);
    }

    @GetMapping("/{code}")
    TemplateDto get(@PathVariable String code) {
        return TemplateDto.of(find(code));
    }

    /** Creates a template; 422 with the problems by field when it is not valid. */
    @PostMapping
    ResponseEntity<?> create(@RequestBody TemplateDto body) {
        NotificationTemplates.Result result = templates.save(null, body.form());
        if (!result.ok()) {
            return problems.invalid(result.violations());
        }
        NotificationTemplate created = templates.find(result.id()).orElseThrow();
        return ResponseEntity.created(URI.create("/api/v1/notification-templates/" + created.code())).body(TemplateDto.of(created));
    }

    /** Changes a template; its code and channel stay. */
    @PutMapping("/{code}")
    ResponseEntity<?> update(@PathVariable String code, @RequestBody TemplateDto body) {
        NotificationTemplate existing = find(code);
        NotificationTemplates.Result result = templates.save(existing.id(), body.form());
        if (!result.ok()) {
            return problems.invalid(result.violations());
        }
        return ResponseEntity.ok(TemplateDto.of(templates.find(existing.id()).orElseThrow()));
    }

    @DeleteMapping("/{code}")
    ResponseEntity<Void> delete(@PathVariable String code) {
        templates.delete(find(code).id());
        return ResponseEntity.noContent().build();
    }

    private NotificationTemplate find(String code) {
        return templates.findByCode(code).orElseThrow(() -> new NotificationTemplates.NotFound("notification template '" + code + "'"));
    }

    /**
     * A template as the API shows and takes it; {@code subject} for e-mail, {@code webMethod}, {@code webUrl} and
     * {@code webHeaders} ({@code Name: value} lines) for web requests.
     */
    record TemplateDto(String code, String name, String description, Channel channel, String subject, String body,
                       String webMethod, String webUrl, String webHeaders, Instant updatedAt) {

        static TemplateDto of(NotificationTemplate t) {
            return new TemplateDto(t.code(), t.name(), t.description(), t.channel(), t.subject(), t.body(), t.webMethod(),
                    t.webUrl(), t.webHeaders(), t.updatedAt());
        }

        NotificationTemplates.Form form() {
            return new NotificationTemplates.Form(code, name, description, channel, subject, body, webMethod, webUrl, webHeaders);
        }
    }
}
