package org.dozvon.strategy;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.batch.Batch;
import org.camunda.bpm.engine.batch.BatchStatistics;
import org.camunda.bpm.engine.batch.history.HistoricBatch;
import org.camunda.bpm.engine.migration.MigrationInstruction;
import org.camunda.bpm.engine.migration.MigrationInstructionValidationReport;
import org.camunda.bpm.engine.migration.MigrationPlan;
import org.camunda.bpm.engine.migration.MigrationPlanExecutionBuilder;
import org.camunda.bpm.engine.migration.MigrationPlanValidationException;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.server.ResponseStatusException;

/**
 * Moving running contacts of a strategy from one version to another. Nothing moves by itself: a new version
 * serves contacts started after it, and the ones already running keep theirs until someone migrates them here.
 *
 * <p>The plan maps every activity to the activity with the same id in the target version (Camunda's
 * {@code mapEqualActivities}). {@link #preview} says how many instances would move and which would not: those
 * waiting in an activity the target lacks stay on their version (Camunda could not place them), and a plan
 * Camunda refuses (say, an activity that changed its type) is shown with Camunda's reasons and cannot run.
 * {@link #start} runs the migration as a Camunda batch, in the background on the job executor; {@link #status}
 * follows it.
 */
@Service
class StrategyMigrations {

    private static final Logger log = LoggerFactory.getLogger(StrategyMigrations.class);

    private final RepositoryService repository;
    private final RuntimeService runtime;
    private final ManagementService management;
    private final HistoryService history;
    private final IdentityService identity;
    private final StrategyModels models;
    private final StrategyMigrationStore store;
    private final TransactionTemplate transaction;
    private final Clock clock;

    StrategyMigrations(RepositoryService repository, RuntimeService runtime, ManagementService management,
                       HistoryService history, IdentityService identity, StrategyModels models,
                       StrategyMigrationStore store, PlatformTransactionManager transactions, Clock clock) {
        this.repository = repository;
        this.runtime = runtime;
        this.management = management;
        this.history = history;
        this.identity = identity;
        this.models = models;
        this.store = store;
        this.transaction = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    /** What migrating the running instances of version {@code from} to version {@code to} would do. */
    Preview preview(String key, int from, int to) {
        ProcessDefinition source = models.process(key, from);
        ProcessDefinition target = models.process(key, to);
        if (from == to) {
            throw new Refused("strategies.migration.sameVersion");
        }
        long instances = runtime.createProcessInstanceQuery().processDefinitionId(source.getId()).count();
        List<String> planFailures = new ArrayList<>();
        Set<String> mapped = new HashSet<>();
        MigrationPlan plan = plan(source, target, planFailures);
        if (plan != null) {
            plan.getInstructions().stream().map(MigrationInstruction::getSourceActivityId).forEach(mapped::add);
        }
        BpmnModelInstance model = repository.getBpmnModelInstance(source.getId());
        List<Stuck> stuck = new ArrayList<>();
        if (plan != null) {
            models.activityInstances(source.getId()).forEach((activityId, count) -> {
                String plain = activityId.replace("#multiInstanceBody", "");
                if (!mapped.contains(activityId) && !mapped.contains(plain)) {
                    stuck.add(new Stuck(activityId, nameOf(model, plain), count));
                }
            });
        }
        long stuckInstances = stuck.isEmpty() ? 0 : runtime.createProcessInstanceQuery().processDefinitionId(source.getId())
                .activityIdIn(stuck.stream().map(Stuck::activityId).toArray(String[]::new)).count();
        return new Preview(key, from, to, source.getId(), target.getId(), instances,
                plan == null ? 0 : instances - stuckInstances, stuck, planFailures);
    }

    /**
     * Starts the migration as a Camunda batch, after checking the plan again: instances that cannot move stay.
     *
     * @return the migration's id for {@link #status}
     * @throws Refused when the plan is refused or there is nothing to move
     */
    long start(String key, int from, int to, String username) {
        Preview preview = preview(key, from, to);
        if (!preview.planFailures().isEmpty()) {
            throw new Refused("strategies.migration.planRefused");
        }
        if (preview.movable() == 0) {
            throw new Refused("strategies.migration.nothingToMove");
        }
        ProcessDefinition source = models.process(key, from);
        ProcessDefinition target = models.process(key, to);
        try {
            identity.setAuthenticatedUserId(username);
            long id = transaction.execute(status -> {
                MigrationPlan plan = runtime.createMigrationPlan(source.getId(), target.getId()).mapEqualActivities().build();
                MigrationPlanExecutionBuilder migration = runtime.newMigration(plan);
                int count;
                if (preview.stuck().isEmpty()) {
                    migration.processInstanceQuery(runtime.createProcessInstanceQuery().processDefinitionId(source.getId()));
                    count = (int) preview.movable();
                } else {
                    List<String> movable = movableInstances(source.getId(), preview.stuck());
                    migration.processInstanceIds(movable);
                    count = movable.size();
                }
                Batch batch = migration.executeAsync();
                return store.add(new StrategyMigrationStore.Row(null, batch.getId(), key, source.getId(), from,
                        target.getId(), to, count, (int) (preview.instances() - count), username, clock.instant()));
            });
            log.info("Strategy migration {} by {}: '{}' version {} -> {}, {} instances ({} stay on version {})",
                    id, username, key, from, to, preview.movable(), preview.instances() - preview.movable(), from);
            return id;
        } finally {
            identity.clearAuthentication();
        }
    }

    /** Where a migration stands: its batch's jobs while it runs, and where the instances are now. */
    Status status(long id) {
        StrategyMigrationStore.Row row = store.find(id)
                .orElseThrow(() -> new StrategyModels.NotFound("migration " + id));
        return status(row);
    }

    /** The newest migrations first; of one strategy when {@code key} is given. */
    StrategyModels.Page<Status> recent(String key, int page, int size) {
        StrategyModels.Page.Window window = StrategyModels.Page.window(page, size);
        List<Status> items = store.recent(key, window.offset(), window.size()).stream().map(this::status).toList();
        return new StrategyModels.Page<>(items, window.page(), window.size(), store.count(key));
    }

    /** Up to {@code size} migrations newest first, before id {@code before} (null: from the newest). */
    List<Status> before(String key, Long before, int size) {
        return store.before(key, before, size).stream().map(this::status).toList();
    }

    private Status status(StrategyMigrationStore.Row row) {
        BatchStatistics running = management.createBatchStatisticsQuery().batchId(row.batchId()).singleResult();
        State state;
        int total = row.instances();
        int completed;
        int failed = 0;
        Instant finishedAt = null;
        if (running != null) {
            total = running.getTotalJobs();
            completed = running.getCompletedJobs();
            failed = running.getFailedJobs();
            state = failed > 0 ? State.FAILING : State.RUNNING;
        } else {
            HistoricBatch done = history.createHistoricBatchQuery().batchId(row.batchId()).singleResult();
            completed = total;
            state = State.DONE;
            if (done != null && done.getEndTime() != null) {
                finishedAt = done.getEndTime().toInstant();
            }
        }
        return new Status(row.id(), row.processKey(), row.fromVersion(), row.toVersion(), row.instances(),
                row.leftBehind(), row.requestedBy(), row.requestedAt(), state, total, completed, failed, finishedAt,
                runtime.createProcessInstanceQuery().processDefinitionId(row.fromDefinitionId()).count(),
                runtime.createProcessInstanceQuery().processDefinitionId(row.toDefinitionId()).count());
    }

    private MigrationPlan plan(ProcessDefinition source, ProcessDefinition target, List<String> failures) {
        try {
            return runtime.createMigrationPlan(source.getId(), target.getId()).mapEqualActivities().build();
        } catch (MigrationPlanValidationException e) {
            for (MigrationInstructionValidationReport report : e.getValidationReport().getInstructionReports()) {
                MigrationInstruction instruction = report.getMigrationInstruction();
                for (String failure : report.getFailures()) {
                    failures.add(instruction.getSourceActivityId() + " → " + instruction.getTargetActivityId() + ": " + failure);
                }
            }
            e.getValidationReport().getVariableReports().forEach((name, report) ->
                    report.getFailures().forEach(failure -> failures.add(name + ": " + failure)));
            if (failures.isEmpty()) {
                failures.add(e.getMessage());
            }
            return null;
        }
    }

    private List<String> movableInstances(String definitionId, List<Stuck> stuck) {
        Set<String> staying = new HashSet<>();
        runtime.createProcessInstanceQuery().processDefinitionId(definitionId)
                .activityIdIn(stuck.stream().map(Stuck::activityId).toArray(String[]::new))
                .unlimitedList().forEach(instance -> staying.add(instance.getId()));
        return runtime.createProcessInstanceQuery().processDefinitionId(definitionId).unlimitedList().stream()
                .map(ProcessInstance::getId).filter(instanceId -> !staying.contains(instanceId)).toList();
    }

    private static String nameOf(BpmnModelInstance model, String activityId) {
        ModelElementInstance element = model.getModelElementById(activityId);
        String name = element == null ? null : element.getAttributeValue("name");
        return name == null || name.isBlank() ? activityId : name;
    }

    enum State { RUNNING, FAILING, DONE }

    /** Instances waiting in an activity that the target version lacks: they stay where they are. */
    record Stuck(String activityId, String name, int instances) {
    }

    /**
     * @param instances    running instances of version {@code from}
     * @param movable      of them, those the plan can move
     * @param planFailures Camunda's reasons for refusing the plan; it cannot run while there are any
     */
    record Preview(String key, int from, int to, String fromId, String toId, long instances, long movable,
                   List<Stuck> stuck, List<String> planFailures) {

        public boolean executable() {
            return planFailures.isEmpty() && movable > 0;
        }
    }

    /**
     * @param instances  instances handed to the batch
     * @param leftBehind instances of version {@code from} that could not move when it started
     * @param jobs       the batch's jobs, {@code completedJobs} of them done, {@code failedJobs} failed (incidents in Cockpit)
     * @param onSource   instances now running on version {@code from}
     * @param onTarget   instances now running on version {@code to}
     */
    record Status(long id, String key, int from, int to, int instances, int leftBehind, String requestedBy,
                  Instant requestedAt, State state, int jobs, int completedJobs, int failedJobs, Instant finishedAt,
                  long onSource, long onTarget) {

        public boolean done() {
            return state == State.DONE;
        }

        public int percent() {
            return jobs == 0 ? 100 : Math.min(100, completedJobs * 100 / jobs);
        }
    }

    /** A migration that cannot start; the message key says why. 409 in the API. */
    static class Refused extends ResponseStatusException {

        private final String messageKey;

        Refused(String messageKey) {
            super(HttpStatus.CONFLICT, messageKey);
            this.messageKey = messageKey;
        }

        String messageKey() {
            return messageKey;
        }
    }
}
