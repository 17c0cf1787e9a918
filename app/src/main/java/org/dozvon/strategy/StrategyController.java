package org.dozvon.strategy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.servlet.http.HttpServletResponse;
import org.dozvon.access.DozvonUser;
import org.dozvon.access.Permission;
import org.dozvon.access.RequiresPermission;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The Strategies section: strategies and decision tables with their versions, where each version came from,
 * which campaigns use it and how many contacts run on it; uploading new versions; each version's diagram
 * (bpmn-js, dmn-js) and XML; migrating running contacts from one version to another.
 */
@Controller
@RequestMapping("/strategies")
@RequiresPermission(Permission.STRATEGIES_VIEW)
class StrategyController {

    private final StrategyModels models;
    private final StrategyUploads uploads;
    private final StrategyMigrations migrations;
    private final ObjectMapper json;

    StrategyController(StrategyModels models, StrategyUploads uploads, StrategyMigrations migrations, ObjectMapper json) {
        this.models = models;
        this.uploads = uploads;
        this.migrations = migrations;
        this.json = json;
    }

    @GetMapping
    String list(@RequestParam(defaultValue = "1") int page, @RequestParam(defaultValue = "1") int decisionPage,
                Model model) {
        model.addAttribute("processes", models.processes(page, StrategyModels.Page.DEFAULT_SIZE));
        model.addAttribute("decisions", models.decisions(decisionPage, StrategyModels.Page.DEFAULT_SIZE));
        model.addAttribute("migrations", migrations.recent(null, 1, 5));
        model.addAttribute("maxSize", uploads.maxSize());
        return "strategy/strategies";
    }

    /** A new version of one or more models; refused uploads come back to the list with every reason. */
    @PostMapping("/upload")
    @RequiresPermission(Permission.STRATEGIES_MANAGE)
    String upload(@RequestParam(name = "files", required = false) List<MultipartFile> files,
                  @AuthenticationPrincipal DozvonUser user, Model model, RedirectAttributes redirect,
                  HttpServletResponse response) {
        StrategyUploads.Outcome outcome = uploads.upload(modelFiles(files, uploads.maxBytes()), user.getUsername());
        if (!outcome.ok()) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("violations", outcome.errors());
            model.addAttribute("warnings", outcome.warnings());
            return list(1, 1, model);
        }
        redirect.addFlashAttribute("uploaded", outcome);
        return "redirect:/strategies";
    }

    @GetMapping("/processes/{key}")
    String process(@PathVariable String key, @RequestParam(defaultValue = "1") int page, Model model) {
        model.addAttribute("key", key);
        model.addAttribute("latest", models.processVersion(key, models.latestProcess(key).getVersion()));
        model.addAttribute("versions", models.processVersions(key, page, StrategyModels.Page.DEFAULT_SIZE));
        model.addAttribute("migrations", migrations.recent(key, 1, 10));
        return "strategy/process";
    }

    /** One version: its diagram, who uses it, and (for those who may) the migration of its running contacts. */
    @GetMapping("/processes/{key}/versions/{version}")
    String processVersion(@PathVariable String key, @PathVariable int version,
                          @RequestParam(required = false) Integer migrateTo,
                          @AuthenticationPrincipal DozvonUser user, Model model) {
        StrategyModels.ProcessVersion shown = models.processVersion(key, version);
        model.addAttribute("version", shown);
        Map<String, Integer> activityInstances = models.activityInstances(shown.id());
        model.addAttribute("activityInstances", activityInstances);
        try {
            model.addAttribute("activityInstancesJson", json.writeValueAsString(activityInstances));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        model.addAttribute("otherVersions", models.processVersionNumbers(key).stream().filter(v -> v != version).toList());
        if (migrateTo != null && user.has(Permission.STRATEGIES_MANAGE)) {
            try {
                model.addAttribute("preview", migrations.preview(key, version, migrateTo));
            } catch (StrategyMigrations.Refused e) {
                model.addAttribute("migrationProblem", e.messageKey());
            }
        }
        model.addAttribute("migrateTo", migrateTo);
        return "strategy/process-version";
    }

    @GetMapping("/processes/{key}/versions/{version}/xml")
    ResponseEntity<byte[]> processXml(@PathVariable String key, @PathVariable int version) {
        return download(models.processXml(key, version));
    }

    @PostMapping("/processes/{key}/versions/{version}/migrate")
    @RequiresPermission(Permission.STRATEGIES_MANAGE)
    String migrate(@PathVariable String key, @PathVariable int version, @RequestParam int to,
                   @AuthenticationPrincipal DozvonUser user, RedirectAttributes redirect) {
        try {
            long id = migrations.start(key, version, to, user.getUsername());
            redirect.addFlashAttribute("notice", "strategies.migration.started");
            return "redirect:/strategies/migrations/" + id;
        } catch (StrategyMigrations.Refused e) {
            redirect.addFlashAttribute("problem", e.messageKey());
            return "redirect:/strategies/processes/" + key + "/versions/" + version + "?migrateTo=" + to;
        }
    }

    /** A migration's progress; for htmx's polling only the progress fragment. */
    @GetMapping("/migrations/{id}")
    String migration(@PathVariable long id, @RequestHeader(name = "HX-Request", required = false) String htmx,
                     Model model) {
        model.addAttribute("migration", migrations.status(id));
        return htmx != null ? "strategy/migration :: progress" : "strategy/migration";
    }

    @GetMapping("/decisions/{key}")
    String decision(@PathVariable String key, @RequestParam(defaultValue = "1") int page, Model model) {
        StrategyModels.Page<StrategyModels.DecisionVersion> versions = models.decisionVersions(key, page,
                StrategyModels.Page.DEFAULT_SIZE);
        model.addAttribute("key", key);
        model.addAttribute("versions", versions);
        model.addAttribute("calledBy", models.decisionCalls().stream().filter(call -> call.decisionKey().equals(key)).toList());
        return "strategy/decision";
    }

    @GetMapping("/decisions/{key}/versions/{version}")
    String decisionVersion(@PathVariable String key, @PathVariable int version, Model model) {
        model.addAttribute("version", models.decisionVersion(key, version));
        return "strategy/decision-version";
    }

    @GetMapping("/decisions/{key}/versions/{version}/xml")
    ResponseEntity<byte[]> decisionXml(@PathVariable String key, @PathVariable int version) {
        return download(models.decisionXml(key, version));
    }

    static ResponseEntity<byte[]> download(StrategyModels.ModelXml xml) {
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(xml.fileName(), StandardCharsets.UTF_8).build().toString())
                .contentType(MediaType.APPLICATION_XML)
                .body(xml.content());
    }

    /** The uploaded files, each read up to one byte past the limit: enough to refuse it, no more in memory. */
    static List<StrategyValidator.ModelFile> modelFiles(List<MultipartFile> files, long maxBytes) {
        List<StrategyValidator.ModelFile> modelFiles = new ArrayList<>();
        if (files == null) {
            return modelFiles;
        }
        for (MultipartFile file : files) {
            if (file.isEmpty() && (file.getOriginalFilename() == null || file.getOriginalFilename().isEmpty())) {
                continue; // the form's file input left empty
            }
            try (java.io.InputStream in = file.getInputStream()) {
                modelFiles.add(new StrategyValidator.ModelFile(file.getOriginalFilename(),
                        in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1))));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return modelFiles;
    }
}
