package org.dozvon.strategy;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.dmn.engine.delegate.DmnDecisionLogicEvaluationEvent;
import org.camunda.bpm.engine.history.HistoricDecisionInputInstance;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.AbstractHistoryLevel;
import org.camunda.bpm.engine.impl.history.HistoryLevel;
import org.camunda.bpm.engine.impl.history.event.HistoricDecisionInputInstanceEntity;
import org.camunda.bpm.engine.impl.history.event.HistoricDecisionInstanceEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEventType;
import org.camunda.bpm.engine.impl.history.event.HistoryEventTypes;
import org.camunda.bpm.engine.impl.history.producer.DefaultDmnHistoryEventProducer;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.spring.boot.starter.jdbc.HistoryLevelDeterminatorJdbcTemplateImpl;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;

/**
 * The strategy's decisions in Camunda's history, at a cost a strategy step can bear (docs/benchmarks.md, "Strategy"):
 * <ul>
 * <li>the history level {@value #NAME} ({@link #ACTIVITY_AND_DECISIONS}): what {@code activity} keeps (process and
 * activity instances) plus each evaluated decision with its inputs and the outputs of the rules that fired — no
 * variable history, which {@code audit} and {@code full} write at every step. Camunda records decisions only at
 * {@code full} otherwise. New databases get it ({@code camunda.bpm.history-level-default}); a database keeps the
 * level it was created with;</li>
 * <li>every recorded evaluation names the call attempt it decided about: the process variable {@code attemptId}
 * (the attempt whose outcome the step settled) is added to its inputs as {@value #ATTEMPT_INPUT}, which is how
 * {@link StrategyDecisions#forAttempt} finds it.</li>
 * </ul>
 */
@Component
class DecisionHistory extends AbstractProcessEnginePlugin {

    static final String NAME = "activity-decisions";
    /** The input clause id (and name) of the attempt an evaluation decided about; no decision table has it. */
    static final String ATTEMPT_INPUT = "dozvon.attemptId";

    static final HistoryLevel ACTIVITY_AND_DECISIONS = new AbstractHistoryLevel() {

        @Override
        public int getId() {
            return 10; // Camunda's own levels are 0-3; the id is what the database keeps
        }

        @Override
        public String getName() {
            return NAME;
        }

        @Override
        public boolean isHistoryEventProduced(HistoryEventType eventType, Object entity) {
            return HistoryLevel.HISTORY_LEVEL_ACTIVITY.isHistoryEventProduced(eventType, entity)
                    || eventType == HistoryEventTypes.DMN_DECISION_EVALUATE;
        }
    };

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<HistoryLevel> levels = configuration.getCustomHistoryLevels() == null ? new ArrayList<>()
                : new ArrayList<>(configuration.getCustomHistoryLevels());
        levels.add(ACTIVITY_AND_DECISIONS);
        configuration.setCustomHistoryLevels(levels);
        configuration.setDmnHistoryEventProducer(new AttemptMarking());
    }

    /** Camunda's record of an evaluation, plus the attempt the step decided about. */
    static final class AttemptMarking extends DefaultDmnHistoryEventProducer {

        @Override
        protected HistoricDecisionInstanceEntity createDecisionEvaluatedEvt(DmnDecisionLogicEvaluationEvent evaluationEvent,
                                                                            ExecutionEntity execution) {
            HistoricDecisionInstanceEntity event = super.createDecisionEvaluatedEvt(evaluationEvent, execution);
            if (execution.getVariable(ContactVariables.ATTEMPT_ID) instanceof Number attemptId) {
                HistoricDecisionInputInstanceEntity input = new HistoricDecisionInputInstanceEntity(
                        event.getRootProcessInstanceId(), event.getRemovalTime());
                input.setClauseId(ATTEMPT_INPUT);
                input.setClauseName(ATTEMPT_INPUT);
                input.setCreateTime(ClockUtil.getCurrentTime());
                input.setValue(Variables.longValue(attemptId.longValue()));
                List<HistoricDecisionInputInstance> inputs = new ArrayList<>(event.getInputs());
                inputs.add(input);
                event.setInputs(inputs);
            }
            return event;
        }
    }

    /**
     * Camunda's Spring Boot starter works out the level of an existing database ({@code history-level: auto}) from
     * the built-in levels only: it must know this one too, or it would fall back to the configured default.
     */
    @Component
    static class Determination implements BeanPostProcessor {

        @Override
        public Object postProcessAfterInitialization(Object bean, String beanName) {
            if (bean instanceof HistoryLevelDeterminatorJdbcTemplateImpl determinator) {
                determinator.addCustomHistoryLevels(List.of(ACTIVITY_AND_DECISIONS));
            }
            return bean;
        }
    }
}
