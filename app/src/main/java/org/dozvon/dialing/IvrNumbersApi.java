package org.dozvon.dialing;

import java.net.URI;
import java.util.Locale;

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
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/ivr-numbers}: the IVR numbers operators transfer customers to, over REST. */
@RestController
@RequestMapping("/api/v1/ivr-numbers")
class IvrNumbersApi {

    private final IvrNumbers numbers;
    private final Problems problems;

    IvrNumbersApi(IvrNumbers numbers, Problems problems) {
        this.numbers = numbers;
        this.problems = problems;
    }

    /** IVR numbers in id order ({@link ApiPage}); {@code q} keeps those whose code or name contains it (any case). */
    @GetMapping
    @RequiresPermission(Permission.OPERATORS_VIEW)
    ApiPage<IvrNumber> list(@RequestParam(defaultValue = "") String q, @RequestParam(required = false) String cursor,
                            @RequestParam(required = false) Integer limit) {
        String text = q.strip().toLowerCase(Locale.ROOT);
        return ApiPage.byId(numbers.all().stream()
                .filter(number -> text.isEmpty() || number.code().toLowerCase(Locale.ROOT).contains(text)
                        || (number.name() != null && number.name().toLowerCase(Locale.ROOT).contains(text)))
                .toList(), cursor, limit, IvrNumber::id, number -> number);
    }

    @GetMapping("/{id}")
    @RequiresPermission(Permission.OPERATORS_VIEW)
    ResponseEntity<?> get(@PathVariable long id) {
        return numbers.find(id).<ResponseEntity<?>>map(ResponseEntity::ok)
                .orElseGet(() -> problems.refused(HttpStatus.NOT_FOUND, "ivrNumbers.error.notFound", id));
    }

    @PostMapping
    @RequiresPermission(Permission.OPERATORS_MANAGE)
    ResponseEntity<?> create(@RequestBody IvrNumbers.Draft request) {
        IvrNumbers.Saved saved = numbers.save(null, request);
        return saved.ok() ? ResponseEntity.created(URI.create("/api/v1/ivr-numbers/" + saved.id()))
                .body(numbers.find(saved.id()).orElseThrow()) : problems.invalid(saved.violations());
    }

    @PutMapping("/{id}")
    @RequiresPermission(Permission.OPERATORS_MANAGE)
    ResponseEntity<?> update(@PathVariable long id, @RequestBody IvrNumbers.Draft request) {
        if (numbers.find(id).isEmpty()) {
            return problems.refused(HttpStatus.NOT_FOUND, "ivrNumbers.error.notFound", id);
        }
        IvrNumbers.Saved saved = numbers.save(id, request);
        return saved.ok() ? ResponseEntity.ok(numbers.find(id).orElseThrow()) : problems.invalid(saved.violations());
    }

    @DeleteMapping("/{id}")
    @RequiresPermission(Permission.OPERATORS_MANAGE)
    ResponseEntity<?> delete(@PathVariable long id) {
        return numbers.delete(id) ? ResponseEntity.noContent().build()
                : problems.refused(HttpStatus.NOT_FOUND, "ivrNumbers.error.notFound", id);
    }
}
