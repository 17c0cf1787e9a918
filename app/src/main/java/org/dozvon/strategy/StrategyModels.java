package org.dozvon.strategy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.management.ActivityStatistics;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BusinessRuleTask;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.dozvon.campaigns.CampaignStatus;
import org.dozvon.campaigns.CampaignView;
import org.dozvon.campaigns.Campaigns;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.web.server.ResponseStatusException;

/**
 * The deployed strategy processes and decision tables as the Strategies page and the API show them: versions,
 * where each came from (a start-up file or an upload, and by whom), the campaigns that use each version and the
 * running instances of each.
 */
@Service
class StrategyModels {

    private final RepositoryService repository;
    private final RuntimeService runtime;
    private final ManagementService management;
    private final Campaigns campaigns;
    private final StrategyUploadStore uploads;

    StrategyModels(RepositoryService repository, RuntimeService runtime, ManagementService management,
                   Campaigns campaigns, StrategyUploadStore uploads) {
        this.repository = repository;
        this.runtime = runtime;
        this.management = management;
        this.campaigns = campaigns;
        this.uploads = uploads;
    }

    /** The strategies (process keys), by key, with their latest version. */
    Page<ProcessSummary> processes(int page, int size) {
        Page.Window window = Page.window(page, size);
        long total = repository.createProcessDefinitionQuery().latestVersion().count();
        List<ProcessSummary> items = new ArrayList<>();
        for (ProcessDefinition latest : repository.createProcessDefinitionQuery().latestVersion()
                .orderByProcessDefinitionKey().asc().listPage(window.offset(), window.size())) {
            String key = latest.getKey();
            items.add(new ProcessSummary(key, nameOf(latest.getName(), key), latest.getVersion(),
                    repository.createProcessDefinitionQuery().processDefinitionKey(key).count(),
                    runtime.createProcessInstanceQuery().processDefinitionKey(key).count(),
                    uses(key, latest.getVersion(), null)));
        }
        return new Page<>(items, window.page(), window.size(), total);
    }

    /** The decision tables (decision ids), by key, with their latest version and the strategies that call them. */
    Page<DecisionSummary> decisions(int page, int size) {
        Page.Window window = Page.window(page, size);
        long total = repository.createDecisionDefinitionQuery().latestVersion().count();
        List<DecisionCallView> calls = decisionCalls();
        List<DecisionSummary> items = new ArrayList<>();
        for (DecisionDefinition latest : repository.createDecisionDefinitionQuery().latestVersion()
                .orderByDecisionDefinitionKey().asc().listPage(window.offset(), window.size())) {
            String key = latest.getKey();
            items.add(new DecisionSummary(key, nameOf(latest.getName(), key), latest.getVersion(),
                    repository.createDecisionDefinitionQuery().decisionDefinitionKey(key).count(),
                    calls.stream().filter(call -> call.decisionKey().equals(key)).toList()));
        }
        return new Page<>(items, window.page(), window.size(), total);
    }

    /** Up to {@code size} strategies in key order after {@code afterKey} (null: from the first). */
    List<ProcessSummary> processesAfter(String afterKey, int size) {
        return repository.createProcessDefinitionQuery().latestVersion().list().stream()
                .sorted(java.util.Comparator.comparing(ProcessDefinition::getKey))
                .filter(latest -> afterKey == null || latest.getKey().compareTo(afterKey) > 0)
                .limit(size)
                .map(latest -> new ProcessSummary(latest.getKey(), nameOf(latest.getName(), latest.getKey()),
                        latest.getVersion(),
                        repository.createProcessDefinitionQuery().processDefinitionKey(latest.getKey()).count(),
                        runtime.createProcessInstanceQuery().processDefinitionKey(latest.getKey()).count(),
                        uses(latest.getKey(), latest.getVersion(), null)))
                .toList();
    }

    /** Up to {@code size} decision tables in key order after {@code afterKey} (null: from the first). */
    List<DecisionSummary> decisionsAfter(String afterKey, int size) {
        List<DecisionCallView> calls = decisionCalls();
        return repository.createDecisionDefinitionQuery().latestVersion().list().stream()
                .sorted(java.util.Comparator.comparing(DecisionDefinition::getKey))
                .filter(latest -> afterKey == null || latest.getKey().compareTo(afterKey) > 0)
                .limit(size)
                .map(latest -> new DecisionSummary(latest.getKey(), nameOf(latest.getName(), latest.getKey()),
                        latest.getVersion(),
                        repository.createDecisionDefinitionQuery().decisionDefinitionKey(latest.getKey()).count(),
                        calls.stream().filter(call -> call.decisionKey().equals(latest.getKey())).toList()))
                .toList();
    }

    /** Up to {@code size} versions of a strategy, newest first, older than {@code before} (null: from the latest). */
    List<ProcessVersion> processVersionsBefore(String key, Integer before, int size) {
        int latest = latestProcess(key).getVersion();
        List<ProcessDefinition> definitions = repository.createProcessDefinitionQuery().processDefinitionKey(key)
                .orderByProcessDefinitionVersion().desc().list().stream()
                .filter(definition -> before == null || definition.getVersion() < before).limit(size).toList();
        List<CampaignView> using = campaigns.usingStrategy(key);
        Map<String, Source> sources = sources(definitions.stream().map(ProcessDefinition::getDeploymentId).toList());
        return definitions.stream().map(definition -> processVersion(definition, latest, sources, using)).toList();
    }

    /** Up to {@code size} versions of a decision table, newest first, older than {@code before} (null: the latest). */
    List<DecisionVersion> decisionVersionsBefore(String key, Integer before, int size) {
        latestDecision(key);
        List<DecisionDefinition> definitions = repository.createDecisionDefinitionQuery().decisionDefinitionKey(key)
                .orderByDecisionDefinitionVersion().desc().list().stream()
                .filter(definition -> before == null || definition.getVersion() < before).limit(size).toList();
        Map<String, Source> sources = sources(definitions.stream().map(DecisionDefinition::getDeploymentId).toList());
        return definitions.stream().map(definition -> decisionVersion(definition, sources)).toList();
    }

    /** The versions of a strategy, newest first. */
    Page<ProcessVersion> processVersions(String key, int page, int size) {
        int latest = latestProcess(key).getVersion();
        Page.Window window = Page.window(page, size);
        long total = repository.createProcessDefinitionQuery().processDefinitionKey(key).count();
        List<ProcessDefinition> definitions = repository.createProcessDefinitionQuery().processDefinitionKey(key)
                .orderByProcessDefinitionVersion().desc().listPage(window.offset(), window.size());
        List<CampaignView> using = campaigns.usingStrategy(key);
        Map<String, Source> sources = sources(definitions.stream().map(ProcessDefinition::getDeploymentId).toList());
        List<ProcessVersion> items = definitions.stream()
                .map(definition -> processVersion(definition, latest, sources, using)).toList();
        return new Page<>(items, window.page(), window.size(), total);
    }

    ProcessVersion processVersion(String key, int version) {
        ProcessDefinition definition = process(key, version);
        return processVersion(definition, latestProcess(key).getVersion(),
                sources(List.of(definition.getDeploymentId())), campaigns.usingStrategy(key));
    }

    /** Every version number of a strategy, newest first: what a migration may go from and to. */
    List<Integer> processVersionNumbers(String key) {
        return repository.createProcessDefinitionQuery().processDefinitionKey(key)
                .orderByProcessDefinitionVersion().desc().list().stream().map(ProcessDefinition::getVersion).toList();
    }

    /** The versions of a decision table, newest first. */
    Page<DecisionVersion> decisionVersions(String key, int page, int size) {
        latestDecision(key);
        Page.Window window = Page.window(page, size);
        long total = repository.createDecisionDefinitionQuery().decisionDefinitionKey(key).count();
        List<DecisionDefinition> definitions = repository.createDecisionDefinitionQuery().decisionDefinitionKey(key)
                .orderByDecisionDefinitionVersion().desc().listPage(window.offset(), window.size());
        Map<String, Source> sources = sources(definitions.stream().map(DecisionDefinition::getDeploymentId).toList());
        List<DecisionVersion> items = definitions.stream().map(definition -> decisionVersion(definition, sources)).toList();
        return new Page<>(items, window.page(), window.size(), total);
    }

    DecisionVersion decisionVersion(String key, int version) {
        DecisionDefinition definition = decision(key, version);
        return decisionVersion(definition, sources(List.of(definition.getDeploymentId())));
    }

    /** The BPMN file of a strategy version as it was deployed. */
    ModelXml processXml(String key, int version) {
        ProcessDefinition definition = process(key, version);
        return new ModelXml(fileName(definition.getResourceName()), bytes(repository.getProcessModel(definition.getId())));
    }

    /** The DMN file of a decision version as it was deployed (with the other decisions of that file). */
    ModelXml decisionXml(String key, int version) {
        DecisionDefinition definition = decision(key, version);
        return new ModelXml(fileName(definition.getResourceName()), bytes(repository.getDecisionModel(definition.getId())));
    }

    /** How many instances of a strategy version wait in each of its activities, by activity id. */
    Map<String, Integer> activityInstances(String definitionId) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (ActivityStatistics statistics : management.createActivityStatisticsQuery(definitionId).list()) {
            if (statistics.getInstances() > 0) {
                counts.put(statistics.getId(), statistics.getInstances());
            }
        }
        return counts;
    }

    ProcessDefinition process(String key, int version) {
        return Optional.ofNullable(repository.createProcessDefinitionQuery().processDefinitionKey(key)
                        .processDefinitionVersion(version).singleResult())
                .orElseThrow(() -> new NotFound("strategy '" + key + "' version " + version));
    }

    DecisionDefinition decision(String key, int version) {
        return Optional.ofNullable(repository.createDecisionDefinitionQuery().decisionDefinitionKey(key)
                        .decisionDefinitionVersion(version).singleResult())
                .orElseThrow(() -> new NotFound("decision '" + key + "' version " + version));
    }

    ProcessDefinition latestProcess(String key) {
        return Optional.ofNullable(repository.createProcessDefinitionQuery().processDefinitionKey(key).latestVersion()
                .singleResult()).orElseThrow(() -> new NotFound("strategy '" + key + "'"));
    }

    private DecisionDefinition latestDecision(String key) {
        return Optional.ofNullable(repository.createDecisionDefinitionQuery().decisionDefinitionKey(key).latestVersion()
                .singleResult()).orElseThrow(() -> new NotFound("decision '" + key + "'"));
    }

    /** What the upload checks need to know about the engine's deployments. */
    StrategyValidator.Deployed deployed() {
        return new StrategyValidator.Deployed() {
            @Override
            public boolean hasDecision(String key) {
                return repository.createDecisionDefinitionQuery().decisionDefinitionKey(key).count() > 0;
            }

            @Override
            public Set<String> decisionsFiledWith(String key) {
                DecisionDefinition latest = repository.createDecisionDefinitionQuery().decisionDefinitionKey(key)
                        .latestVersion().singleResult();
                if (latest == null) {
                    return Set.of();
                }
                return repository.createDecisionDefinitionQuery().deploymentId(latest.getDeploymentId()).list().stream()
                        .filter(d -> Objects.equals(d.getResourceName(), latest.getResourceName()))
                        .map(DecisionDefinition::getKey).collect(Collectors.toSet());
            }

            @Override
            public Optional<Integer> latestDecisionVersion(String key) {
                return Optional.ofNullable(repository.createDecisionDefinitionQuery().decisionDefinitionKey(key)
                        .latestVersion().singleResult()).map(DecisionDefinition::getVersion);
            }

            @Override
            public List<StrategyValidator.DecisionCall> decisionCalls() {
                return StrategyModels.this.decisionCalls().stream()
                        .map(call -> new StrategyValidator.DecisionCall(call.processKey(), call.processVersion(),
                                call.taskId(), call.decisionKey()))
                        .toList();
            }
        };
    }

    /** The decisions that the latest version of every strategy calls by a fixed id. */
    List<DecisionCallView> decisionCalls() {
        List<DecisionCallView> calls = new ArrayList<>();
        for (ProcessDefinition latest : repository.createProcessDefinitionQuery().latestVersion()
                .orderByProcessDefinitionKey().asc().unlimitedList()) {
            BpmnModelInstance model = repository.getBpmnModelInstance(latest.getId());
            for (BusinessRuleTask task : model.getModelElementsByType(BusinessRuleTask.class)) {
                String ref = task.getCamundaDecisionRef();
                if (ref != null && !ref.contains("{") && belongsTo(task, latest.getKey())) {
                    calls.add(new DecisionCallView(latest.getKey(), latest.getVersion(), task.getId(), ref));
                }
            }
        }
        return calls;
    }

    private static boolean belongsTo(FlowElement element, String processKey) {
        org.camunda.bpm.model.xml.instance.ModelElementInstance parent = element.getParentElement();
        while (parent != null && !(parent instanceof org.camunda.bpm.model.bpmn.instance.Process)) {
            parent = parent.getParentElement();
        }
        return parent instanceof org.camunda.bpm.model.bpmn.instance.Process process && processKey.equals(process.getId());
    }

    private ProcessVersion processVersion(ProcessDefinition definition, int latest, Map<String, Source> sources,
                                          List<CampaignView> using) {
        Source source = sources.get(definition.getDeploymentId());
        return new ProcessVersion(definition.getId(), definition.getKey(), nameOf(definition.getName(), definition.getKey()),
                definition.getVersion(), definition.getVersion() == latest, source.deployedAt(), source,
                fileName(definition.getResourceName()),
                runtime.createProcessInstanceQuery().processDefinitionId(definition.getId()).count(),
                uses(using, latest, definition.getVersion()));
    }

    private DecisionVersion decisionVersion(DecisionDefinition definition, Map<String, Source> sources) {
        Source source = sources.get(definition.getDeploymentId());
        return new DecisionVersion(definition.getId(), definition.getKey(), nameOf(definition.getName(), definition.getKey()),
                definition.getVersion(), source.deployedAt(), source, fileName(definition.getResourceName()));
    }

    private List<CampaignUse> uses(String key, int latest, Integer version) {
        return uses(campaigns.usingStrategy(key), latest, version);
    }

    /** The campaigns using {@code version} (null: any version), those that follow the latest included. */
    private static List<CampaignUse> uses(List<CampaignView> using, int latest, Integer version) {
        return using.stream()
                .filter(c -> version == null || Objects.equals(c.settings().strategyVersion(), version)
                        || (c.settings().strategyVersion() == null && version == latest))
                .map(c -> new CampaignUse(c.id(), c.name(), c.status(), c.settings().strategyVersion()))
                .toList();
    }

    private Map<String, Source> sources(List<String> deploymentIds) {
        List<String> distinct = deploymentIds.stream().distinct().toList();
        Map<String, String> uploaders = uploads.uploaders(distinct);
        Map<String, Source> sources = new HashMap<>();
        for (String id : distinct) {
            Deployment deployment = repository.createDeploymentQuery().deploymentId(id).singleResult();
            Instant at = deployment.getDeploymentTime() == null ? null : deployment.getDeploymentTime().toInstant();
            String origin = deployment.getSource();
            SourceKind kind = StrategyDeployment.STARTUP_SOURCE.equals(origin) ? SourceKind.STARTUP
                    : StrategyDeployment.UPLOAD_SOURCE.equals(origin) ? SourceKind.UPLOAD : SourceKind.OTHER;
            sources.put(id, new Source(kind, id, at, deployment.getName(),
                    kind == SourceKind.UPLOAD ? uploaders.get(id) : kind == SourceKind.OTHER ? origin : null));
        }
        return sources;
    }

    private static String nameOf(String name, String key) {
        return name == null || name.isBlank() ? key : name;
    }

    private static String fileName(String resourceName) {
        if (resourceName == null) {
            return "model";
        }
        return resourceName.substring(resourceName.lastIndexOf('/') + 1);
    }

    private static byte[] bytes(InputStream in) {
        try (in) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Where a version came from. */
    enum SourceKind { STARTUP, UPLOAD, OTHER }

    /**
     * @param deployment the deployment's name: the start-up file's path, the uploaded files' names
     * @param by         who uploaded it (UPLOAD), the Camunda deployment source (OTHER), null (STARTUP)
     */
    record Source(SourceKind kind, String deploymentId, Instant deployedAt, String deployment, String by) {
    }

    /** A campaign using a strategy version; {@code pinnedVersion} null: it follows the latest. */
    record CampaignUse(long id, String name, CampaignStatus status, Integer pinnedVersion) {
    }

    record ProcessSummary(String key, String name, int latestVersion, long versions, long runningInstances,
                          List<CampaignUse> campaigns) {
    }

    record DecisionSummary(String key, String name, int latestVersion, long versions, List<DecisionCallView> calledBy) {
    }

    record ProcessVersion(String id, String key, String name, int version, boolean latest, Instant deployedAt,
                          Source source, String fileName, long runningInstances, List<CampaignUse> campaigns) {
    }

    record DecisionVersion(String id, String key, String name, int version, Instant deployedAt, Source source,
                           String fileName) {
    }

    /** The latest version of strategy {@code processKey} calls decision {@code decisionKey} in task {@code taskId}. */
    record DecisionCallView(String processKey, int processVersion, String taskId, String decisionKey) {
    }

    record ModelXml(String fileName, byte[] content) {
    }

    /** One page of a list; {@code page} counts from 1. */
    record Page<T>(List<T> items, int page, int size, long total) {

        static final int DEFAULT_SIZE = 20;
        static final int MAX_SIZE = 200;

        public int pages() {
            return (int) Math.max(1, (total + size - 1) / size);
        }

        static Window window(int page, int size) {
            int s = size <= 0 ? DEFAULT_SIZE : Math.min(size, MAX_SIZE);
            int p = Math.max(1, page);
            return new Window(p, s, (p - 1) * s);
        }

        record Window(int page, int size, int offset) {
        }
    }

    /** No such strategy, decision or version: 404 on a page and in the API. */
    static class NotFound extends ResponseStatusException {
        NotFound(String what) {
            super(HttpStatus.NOT_FOUND, "No " + what);
        }
    }
}
