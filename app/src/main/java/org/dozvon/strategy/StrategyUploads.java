package org.dozvon.strategy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ParseException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.Problem;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.ResourceReport;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.camunda.bpm.engine.repository.DeploymentWithDefinitions;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.dozvon.Violation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * New versions of strategies and decision tables uploaded through the portal or the API: checked by
 * {@link StrategyValidator}, then deployed as one Camunda deployment (source {@value StrategyDeployment#UPLOAD_SOURCE})
 * together with the record of who uploaded it. A file identical to the latest deployed version of everything it
 * defines is left out (no new version); an upload of nothing but such files deploys nothing. Every upload is
 * written to the log: who, which files, which versions came of it.
 */
@Service
class StrategyUploads {

    private static final Logger log = LoggerFactory.getLogger(StrategyUploads.class);

    private final RepositoryService repository;
    private final IdentityService identity;
    private final StrategyModels models;
    private final StrategyUploadStore uploads;
    private final StrategyProperties properties;
    private final TransactionTemplate transaction;
    private final Clock clock;

    StrategyUploads(RepositoryService repository, IdentityService identity, StrategyModels models,
                    StrategyUploadStore uploads, StrategyProperties properties,
                    PlatformTransactionManager transactions, Clock clock) {
        this.repository = repository;
        this.identity = identity;
        this.models = models;
        this.uploads = uploads;
        this.properties = properties;
        this.transaction = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    /** The largest file an upload may hold, as people read it ("2.0 MB"). */
    String maxSize() {
        return StrategyValidator.size(properties.maxModelSize().toBytes());
    }

    long maxBytes() {
        return properties.maxModelSize().toBytes();
    }

    Outcome upload(List<StrategyValidator.ModelFile> files, String username) {
        List<StrategyValidator.ModelFile> named = files.stream()
                .map(file -> new StrategyValidator.ModelFile(baseName(file.name()), file.content())).toList();
        StrategyValidator.Checked checked = new StrategyValidator(models.deployed(), properties.maxModelSize()).check(named);
        if (!checked.ok()) {
            log.info("Strategy upload by {} refused: {} ({} problems)", username, names(named), checked.errors().size());
            return Outcome.refused(checked.errors(), checked.warnings());
        }
        List<StrategyValidator.ModelFile> changed = new ArrayList<>();
        List<String> unchanged = new ArrayList<>();
        for (StrategyValidator.ModelFile file : named) {
            if (identicalToLatest(file, checked)) {
                unchanged.add(file.name());
            } else {
                changed.add(file);
            }
        }
        if (changed.isEmpty()) {
            log.info("Strategy upload by {}: {} identical to the deployed versions, nothing deployed", username, unchanged);
            return new Outcome(List.of(), checked.warnings(), null, List.of(), unchanged);
        }
        DeploymentWithDefinitions deployment;
        try {
            identity.setAuthenticatedUserId(username);
            deployment = transaction.execute(status -> {
                DeploymentBuilder builder = repository.createDeployment()
                        .name(truncate(names(changed), 255))
                        .source(StrategyDeployment.UPLOAD_SOURCE);
                changed.forEach(file -> builder.addInputStream(file.name(), new ByteArrayInputStream(file.content())));
                DeploymentWithDefinitions deployed = builder.deployWithResult();
                uploads.add(deployed.getId(), names(changed), username, clock.instant());
                return deployed;
            });
        } catch (ParseException e) {
            List<Violation> errors = engineProblems(e);
            log.info("Strategy upload by {} refused by Camunda: {}: {}", username, names(changed), e.getMessage());
            return Outcome.refused(errors, checked.warnings());
        } catch (ProcessEngineException e) {
            log.info("Strategy upload by {} refused by Camunda: {}: {}", username, names(changed), e.getMessage());
            return Outcome.refused(List.of(new Violation("file", "strategies.error.engine", names(changed),
                    rootMessage(e))), checked.warnings());
        } finally {
            identity.clearAuthentication();
        }
        List<Deployed> definitions = new ArrayList<>();
        for (ProcessDefinition process : repository.createProcessDefinitionQuery().deploymentId(deployment.getId())
                .orderByProcessDefinitionKey().asc().list()) {
            definitions.add(new Deployed("process", process.getKey(), process.getVersion()));
        }
        for (DecisionDefinition decision : repository.createDecisionDefinitionQuery().deploymentId(deployment.getId())
                .orderByDecisionDefinitionKey().asc().list()) {
            definitions.add(new Deployed("decision", decision.getKey(), decision.getVersion()));
        }
        log.info("Strategy upload by {}: {} deployed as {} ({}){}{}", username, names(changed), definitions.stream()
                        .map(d -> d.kind() + " " + d.key() + " v" + d.version()).toList(), deployment.getId(),
                unchanged.isEmpty() ? "" : "; unchanged " + unchanged,
                checked.warnings().isEmpty() ? "" : "; " + checked.warnings().size() + " warnings");
        return new Outcome(List.of(), checked.warnings(), deployment.getId(), definitions, unchanged);
    }

    /** Every process or decision the file defines has a latest version deployed from exactly these bytes. */
    private boolean identicalToLatest(StrategyValidator.ModelFile file, StrategyValidator.Checked checked) {
        List<String> processes = checked.processes().getOrDefault(file.name(), List.of());
        List<String> decisions = checked.decisions().getOrDefault(file.name(), List.of());
        if (processes.isEmpty() && decisions.isEmpty()) {
            return false;
        }
        for (String key : processes) {
            ProcessDefinition latest = repository.createProcessDefinitionQuery().processDefinitionKey(key).latestVersion().singleResult();
            if (latest == null || !Arrays.equals(file.content(), bytes(repository.getProcessModel(latest.getId())))) {
                return false;
            }
        }
        for (String key : decisions) {
            DecisionDefinition latest = repository.createDecisionDefinitionQuery().decisionDefinitionKey(key).latestVersion().singleResult();
            if (latest == null || !Arrays.equals(file.content(), bytes(repository.getDecisionModel(latest.getId())))) {
                return false;
            }
        }
        return true;
    }

    /** Camunda's parse problems, with line and column where it knows them. */
    private static List<Violation> engineProblems(ParseException e) {
        List<Violation> errors = new ArrayList<>();
        for (ResourceReport report : e.getResorceReports()) {
            for (Problem problem : report.getErrors()) {
                if (problem.getLine() > 0) {
                    errors.add(new Violation("file", "strategies.error.engineAt", report.getResourceName(),
                            String.valueOf(problem.getLine()), String.valueOf(problem.getColumn()), problem.getMessage()));
                } else {
                    errors.add(new Violation("file", "strategies.error.engine", report.getResourceName(), problem.getMessage()));
                }
            }
        }
        if (errors.isEmpty()) {
            errors.add(new Violation("file", "strategies.error.engine", "", e.getMessage()));
        }
        return errors;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() != null ? root.getMessage() : e.getMessage();
    }

    private static String names(List<StrategyValidator.ModelFile> files) {
        return String.join(", ", files.stream().map(StrategyValidator.ModelFile::name).toList());
    }

    /** Some browsers send the whole path of the file. */
    private static String baseName(String name) {
        if (name == null) {
            return null;
        }
        return name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
    }

    private static String truncate(String text, int length) {
        return text.length() <= length ? text : text.substring(0, length);
    }

    private static byte[] bytes(InputStream in) {
        try (in) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A definition an upload deployed: {@code kind} is "process" or "decision". */
    record Deployed(String kind, String key, int version) {
    }

    /**
     * What became of an upload.
     *
     * @param errors       why nothing was deployed; empty when the upload went through
     * @param deploymentId null when nothing was deployed (refused, or every file unchanged)
     * @param unchanged    files identical to the deployed versions, left out
     */
    record Outcome(List<Violation> errors, List<Violation> warnings, String deploymentId, List<Deployed> deployed,
                   List<String> unchanged) {

        static Outcome refused(List<Violation> errors, List<Violation> warnings) {
            return new Outcome(errors, warnings, null, List.of(), List.of());
        }

        boolean ok() {
            return errors.isEmpty();
        }
    }
}
