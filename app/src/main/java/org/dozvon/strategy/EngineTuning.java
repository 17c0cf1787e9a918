package org.dozvon.strategy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;

import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.DmnBusinessRuleTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParse;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;

import org.springframework.stereotype.Component;

/**
 * Adjusts Camunda's engine before it starts, for a strategy step's cost (docs/benchmarks.md, "Strategy"):
 * <ul>
 * <li>the DMN engine evaluates FEEL through {@link ParsedFeelEngine};</li>
 * <li>a business rule task is not a scope of its own (see {@link DecisionForTheStep#parseBusinessRuleTask}), so
 * Camunda's transient {@code decisionResult} stays on the execution that goes on to {@code applyDecision}, which
 * reads it when the task names no {@code camunda:resultVariable} (as the standard strategy's): nothing is
 * written to the database. Where the task must stay a scope (input/output mappings, boundary events), its end
 * listener hands the single result on as the transient variable {@code decision}.</li>
 * </ul>
 */
@Component
class EngineTuning extends AbstractProcessEnginePlugin {

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<BpmnParseListener> listeners = configuration.getCustomPostBPMNParseListeners() == null ? new ArrayList<>()
                : new ArrayList<>(configuration.getCustomPostBPMNParseListeners());
        listeners.add(new DecisionForTheStep());
        configuration.setCustomPostBPMNParseListeners(listeners);
        if (configuration.isDmnFeelEnableLegacyBehavior()) {
            return; // the old Java FEEL engine was asked for: leave it
        }
        DefaultDmnEngineConfiguration dmn = configuration.getDmnEngineConfiguration() != null
                ? configuration.getDmnEngineConfiguration()
                : (DefaultDmnEngineConfiguration) DmnEngineConfiguration.createDefaultDmnEngineConfiguration();
        ParsedFeelEngine.install(dmn);
        configuration.setDmnEngineConfiguration(dmn);
    }

    /**
     * Business rule tasks calling a decision: no scope of their own; without a result variable, the end listener
     * {@link #notify} (see above).
     */
    static final class DecisionForTheStep extends AbstractBpmnParseListener implements ExecutionListener {

        @Override
        public void parseBusinessRuleTask(Element element, ScopeImpl scope, ActivityImpl activity) {
            if (!(activity.getActivityBehavior() instanceof DmnBusinessRuleTaskActivityBehavior)) {
                return;
            }
            // Camunda makes the task a scope (a child execution, created and removed in every step) only to keep
            // its transient decisionResult local; input/output mappings, boundary events and multi-instance, which
            // need the scope, are parsed afterwards and make it one again
            activity.setScope(false);
            if (element.attributeNS(BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS, "resultVariable") == null) {
                activity.addListener(ExecutionListener.EVENTNAME_END, this);
            }
        }

        @Override
        public void notify(DelegateExecution execution) {
            if (execution instanceof ExecutionEntity entity && entity.getActivity() != null && !entity.getActivity().isScope()) {
                return; // decisionResult stays on the execution that goes on: applyDecision reads it there
            }
            if (execution.getVariableLocal("decisionResult") instanceof DmnDecisionResult result) {
                DmnDecisionResultEntries single = result.getSingleResult();
                ContactVariables.pass(execution, ContactVariables.DECISION,
                        single == null ? null : new HashMap<>(single.getEntryMap()));
            }
        }
    }
}
