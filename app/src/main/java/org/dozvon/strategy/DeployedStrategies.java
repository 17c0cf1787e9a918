package org.dozvon.strategy;

import java.util.Comparator;
import java.util.List;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.ProcessDefinitionQuery;
import org.dozvon.campaigns.StrategyCatalogue;
import org.springframework.stereotype.Component;

/** The engine's deployed processes as the strategies campaigns may choose. */
@Component
class DeployedStrategies implements StrategyCatalogue {

    private final RepositoryService repository;

    DeployedStrategies(RepositoryService repository) {
        this.repository = repository;
    }

    @Override
    public List<DeployedStrategy> strategies() {
        return repository.createProcessDefinitionQuery().latestVersion().list().stream()
                .map(p -> new DeployedStrategy(p.getKey(), p.getName() == null || p.getName().isBlank() ? p.getKey()
                        : p.getName(), p.getVersion()))
                .sorted(Comparator.comparing(DeployedStrategy::key))
                .toList();
    }

    @Override
    public boolean isDeployed(String key, Integer version) {
        if (key == null || key.isBlank()) {
            return false;
        }
        ProcessDefinitionQuery query = repository.createProcessDefinitionQuery().processDefinitionKey(key);
        if (version != null) {
            query.processDefinitionVersion(version);
        }
        return query.count() > 0;
    }
}
