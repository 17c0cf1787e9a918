package org.dozvon.strategy;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletResponse;

import org.dozvon.Violation;
import org.dozvon.access.Permission;
import org.dozvon.access.RequiresPermission;
import org.dozvon.campaigns.Campaigns;
import org.dozvon.campaigns.CampaignStatus;
import org.dozvon.campaigns.OutcomeCategory;
import org.dozvon.campaigns.StrategyCatalogue;

import org.dozvon.web.Problems;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * The dry run: {@code /strategies/dry-run} (a form; the timeline comes back as an htmx fragment) and
 * {@code POST /api/v1/strategies/{key}/dry-run}. Harmless, so viewing strategies is enough.
 */
@Controller
class DryRunController {

    private final StrategyDryRun dryRun;
    private final DeployedStrategies strategies;
    private final Campaigns campaigns;
    private final MessageSource messages;
    private final Problems problems;

    DryRunController(StrategyDryRun dryRun, DeployedStrategies strategies, Campaigns campaigns, MessageSource messages,
                     Problems problems) {
        this.problems = problems;
        this.dryRun = dryRun;
        this.strategies = strategies;
        this.campaigns = campaigns;
        this.messages = messages;
    }

    @GetMapping("/strategies/dry-run")
    @RequiresPermission(Permission.STRATEGIES_VIEW)
    String page(@RequestParam(name = "key", defaultValue = "standard") String key, Model model) {
        model.addAttribute("chosenKey", key);
        model.addAttribute("strategies", strategies.strategies().stream().map(StrategyCatalogue.DeployedStrategy::key).toList());
        List<Object> choices = new ArrayList<>();
        campaigns.withStatus(CampaignStatus.RUNNING).forEach(choices::add);
        campaigns.withStatus(CampaignStatus.DRAFT).forEach(choices::add);
        model.addAttribute("campaigns", choices);
        model.addAttribute("outcomes", OutcomeCategory.values());
        return "strategy/dry-run";
    }

    /** The form: outcomes one per line, "NO_ANSWER", "ANSWERED THINK_IT_OVER", "BUSY 5" (call seconds). */
    @PostMapping("/strategies/dry-run")
    @RequiresPermission(Permission.STRATEGIES_VIEW)
    String run(@RequestParam String strategyKey, @RequestParam(required = false) Integer version,
               @RequestParam(required = false) Long campaignId, @RequestParam String phones,
               @RequestParam String timeZone, @RequestParam String start, @RequestParam String outcomes,
               Model model, HttpServletResponse response) {
        List<Violation> violations = new ArrayList<>();
        Instant at = null;
        try {
            at = LocalDateTime.parse(start.strip()).atZone(ZoneId.of(timeZone.strip())).toInstant();
        } catch (DateTimeException e) {
            violations.add(new Violation("start", "dryRun.error.start", start));
        }
        List<StrategyDryRun.PlannedOutcome> planned = new ArrayList<>();
        String[] lines = outcomes.split("\\R");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            String[] words = line.split("\\s+");
            try {
                OutcomeCategory category = OutcomeCategory.valueOf(words[0].toUpperCase(Locale.ROOT));
                String code = null;
                Integer seconds = null;
                for (int w = 1; w < words.length; w++) {
                    if (words[w].matches("\\d{1,6}")) {
                        seconds = Integer.valueOf(words[w]);
                    } else {
                        code = words[w];
                    }
                }
                planned.add(new StrategyDryRun.PlannedOutcome(category, code, null, seconds));
            } catch (IllegalArgumentException e) {
                violations.add(new Violation("outcomes", "dryRun.error.outcomeLine", String.valueOf(i + 1), line));
            }
        }
        if (violations.isEmpty()) {
            try {
                model.addAttribute("result", dryRun.run(new StrategyDryRun.Request(strategyKey, version, campaignId,
                        List.of(phones.split("[,;\\n]+")).stream().map(String::strip).filter(p -> !p.isEmpty()).toList(),
                        timeZone, at, planned)).shown(messages, LocaleContextHolder.getLocale()));
                model.addAttribute("zone", ZoneId.of(timeZone.strip()));
            } catch (StrategyDryRun.Refused e) {
                violations.addAll(e.violations);
            }
        }
        if (!violations.isEmpty()) {
            response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
        }
        model.addAttribute("violations", violations);
        return "strategy/dry-run :: result";
    }

    @PostMapping("/api/v1/strategies/{key}/dry-run")
    @RequiresPermission(Permission.STRATEGIES_VIEW)
    @ResponseBody
    ResponseEntity<?> api(@PathVariable String key, @RequestBody ApiRequest body) {
        if (!strategies.isDeployed(key, null)) {
            return problems.refused(HttpStatus.NOT_FOUND, "dryRun.error.strategy", key);
        }
        try {
            StrategyDryRun.Result result = dryRun.run(new StrategyDryRun.Request(key, body.version(), body.campaignId(),
                    body.phones(), body.timeZone(), body.start(), body.outcomes() == null ? List.of() : body.outcomes()));
            return ResponseEntity.ok(result.shown(messages, LocaleContextHolder.getLocale()));
        } catch (StrategyDryRun.Refused e) {
            return problems.invalid(e.violations);
        }
    }

    record ApiRequest(Integer version, Long campaignId, List<String> phones, String timeZone, Instant start,
                      List<StrategyDryRun.PlannedOutcome> outcomes) {
    }
}
