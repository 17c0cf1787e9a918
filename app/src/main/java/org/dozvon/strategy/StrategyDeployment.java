package org.dozvon.strategy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.repository.DeploymentWithDefinitions;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.core.io.support.ResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * Deploys the strategy models of {@link StrategyProperties#modelLocations()} (the top-level {@code bpmn/}
 * and {@code dmn/} folders) when Dozvon starts, before it takes requests.
 *
 * <p>Decision: Camunda's Spring Boot auto-deployment is switched off ({@code camunda.bpm.auto-deployment-enabled:
 * false}). It puts every {@code classpath*:**}{@code /*.bpmn} and {@code *.dmn} it finds — test fixtures and
 * other jars' files included — into one deployment and, without a process application, deploys all of them anew
 * on every start. Here each file is <b>its own deployment</b>, named by its path ({@code dmn/next-action.dmn}) with
 * the source {@value #STARTUP_SOURCE}, and Camunda's duplicate filtering compares it with the last start-up
 * deployment of that name: an unchanged file makes no new deployment (its versions stay), a changed file makes a
 * new version of its own definitions only. A version uploaded through the portal in between is a deployment of
 * another source, so an unchanged file at the next start does not push it aside.
 */
@Component
class StrategyDeployment implements SmartInitializingSingleton {

    /** The Camunda deployment source of files deployed at start-up. */
    static final String STARTUP_SOURCE = "dozvon-startup";
    /** The Camunda deployment source of portal and API uploads ({@link StrategyUploads}). */
    static final String UPLOAD_SOURCE = "dozvon-upload";

    private static final Logger log = LoggerFactory.getLogger(StrategyDeployment.class);

    private final RepositoryService repository;
    private final StrategyProperties properties;
    private final ResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();

    StrategyDeployment(RepositoryService repository, StrategyProperties properties) {
        this.repository = repository;
        this.properties = properties;
    }

    @Override
    public void afterSingletonsInstantiated() {
        List<FileDeployment> files = deployModels(properties.modelLocations());
        if (files.isEmpty()) {
            log.info("Strategy models: no BPMN or DMN file in {}", properties.modelLocations());
        }
        files.forEach(file -> log.info("Strategy model {}: {} {}", file.name(),
                file.deployed() ? "deployed as" : "unchanged,", String.join(", ", file.definitions())));
    }

    /**
     * Deploys every file the patterns find, one deployment per file, skipping unchanged ones.
     *
     * @param locations Spring resource patterns such as {@code classpath*:bpmn/**}{@code /*.bpmn}
     * @return what happened to each file, in the order found
     */
    List<FileDeployment> deployModels(List<String> locations) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (String location : locations) {
            files.putAll(read(location));
        }
        List<FileDeployment> results = new ArrayList<>();
        files.forEach((name, content) -> results.add(deployFile(name, content)));
        return results;
    }

    /** One file as one deployment named {@code name}; Camunda skips it when it equals the last one of that name. */
    FileDeployment deployFile(String name, byte[] content) {
        Deployment before = lastStartupDeployment(name);
        DeploymentWithDefinitions deployment = repository.createDeployment()
                .name(name)
                .source(STARTUP_SOURCE)
                .enableDuplicateFiltering(false)
                .addInputStream(name, new ByteArrayInputStream(content))
                .deployWithResult();
        boolean deployed = before == null || !before.getId().equals(deployment.getId());
        return new FileDeployment(name, deployed, deployment.getId(), definitionsOf(deployment.getId()));
    }

    private Deployment lastStartupDeployment(String name) {
        return repository.createDeploymentQuery().deploymentName(name).deploymentSource(STARTUP_SOURCE)
                .orderByDeploymentTime().desc().listPage(0, 1).stream().findFirst().orElse(null);
    }

    /** "process standard v3", "decision nextAction v2": what a deployment holds, for the log and tests. */
    List<String> definitionsOf(String deploymentId) {
        List<String> definitions = new ArrayList<>();
        for (ProcessDefinition process : repository.createProcessDefinitionQuery().deploymentId(deploymentId)
                .orderByProcessDefinitionKey().asc().list()) {
            definitions.add("process " + process.getKey() + " v" + process.getVersion());
        }
        for (DecisionDefinition decision : repository.createDecisionDefinitionQuery().deploymentId(deploymentId)
                .orderByDecisionDefinitionKey().asc().list()) {
            definitions.add("decision " + decision.getKey() + " v" + decision.getVersion());
        }
        return definitions;
    }

    /** The files of one pattern by their names: the path below the pattern's fixed part, that part included. */
    private Map<String, byte[]> read(String location) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        try {
            String prefix = location.substring(0, location.indexOf(':') + 1);
            String root = fixedPart(location.substring(prefix.length()));
            List<String> bases = new ArrayList<>();
            if (!root.isEmpty()) {
                for (Resource base : resolver.getResources(prefix + root)) {
                    if (base.exists()) {
                        bases.add(base.getURL().toString());
                    }
                }
            }
            Resource[] found = resolver.getResources(location);
            java.util.Arrays.sort(found, java.util.Comparator.comparing(StrategyDeployment::urlOf));
            for (Resource resource : found) {
                if (!resource.isReadable() || urlOf(resource).endsWith("/")) {
                    continue;
                }
                try (InputStream in = resource.getInputStream()) {
                    files.put(nameOf(resource, root, bases), in.readAllBytes());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the strategy models of " + location, e);
        }
        return files;
    }

    private static String nameOf(Resource resource, String root, List<String> bases) {
        String url = urlOf(resource);
        for (String base : bases) {
            String withSlash = base.endsWith("/") ? base : base + "/";
            if (url.startsWith(withSlash)) {
                return (root.endsWith("/") ? root : root + "/") + url.substring(withSlash.length());
            }
        }
        return Objects.requireNonNullElse(resource.getFilename(), url);
    }

    /** {@code bpmn/} of {@code bpmn/**}{@code /*.bpmn}: the folders before the first wildcard. */
    private static String fixedPart(String path) {
        int wildcard = path.length();
        for (char c : new char[] {'*', '?', '{', '['}) {
            int at = path.indexOf(c);
            if (at >= 0) {
                wildcard = Math.min(wildcard, at);
            }
        }
        return path.substring(0, path.lastIndexOf('/', wildcard - 1) + 1);
    }

    private static String urlOf(Resource resource) {
        try {
            return resource.getURL().toString();
        } catch (IOException e) {
            return resource.getDescription();
        }
    }

    /**
     * @param name        the deployment's and its resource's name ({@code bpmn/standard-strategy.bpmn})
     * @param deployed    false when Camunda found it unchanged and kept the last deployment
     * @param definitions the definitions and versions the file now stands for
     */
    record FileDeployment(String name, boolean deployed, String deploymentId, List<String> definitions) {
    }
}
