package org.dozvon.campaigns;

import java.util.List;

/**
 * The strategies a campaign can run: the processes deployed to the engine. Implemented by the
 * {@code strategy} module (which owns the engine), so campaigns can offer and check strategies without
 * depending on it.
 */
public interface StrategyCatalogue {

    /** Every deployed strategy, by key. */
    List<DeployedStrategy> strategies();

    /** Whether this strategy is deployed: in this version, or in any version when {@code version} is null. */
    boolean isDeployed(String key, Integer version);

    /**
     * A deployed strategy.
     *
     * @param key           the process key campaigns refer to
     * @param name          the process's name (the key when it has none)
     * @param latestVersion its newest version
     */
    record DeployedStrategy(String key, String name, int latestVersion) {
    }
}
