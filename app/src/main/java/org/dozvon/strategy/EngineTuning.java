package org.dozvon.strategy;

import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;

import org.springframework.stereotype.Component;

/**
 * Adjusts Camunda's engine before it starts, for a strategy step's cost (docs/benchmarks.md, "Strategy"):
 * the DMN engine evaluates FEEL through {@link ParsedFeelEngine}.
 */
@Component
class EngineTuning extends AbstractProcessEnginePlugin {

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        if (configuration.isDmnFeelEnableLegacyBehavior()) {
            return; // the old Java FEEL engine was asked for: leave it
        }
        DefaultDmnEngineConfiguration dmn = configuration.getDmnEngineConfiguration() != null
                ? configuration.getDmnEngineConfiguration()
                : (DefaultDmnEngineConfiguration) DmnEngineConfiguration.createDefaultDmnEngineConfiguration();
        ParsedFeelEngine.install(dmn);
        configuration.setDmnEngineConfiguration(dmn);
    }
}
