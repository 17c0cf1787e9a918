package org.dozvon.strategy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParserFactory;

import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BusinessRuleTask;
import org.camunda.bpm.model.bpmn.instance.EventDefinition;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.IntermediateCatchEvent;
import org.camunda.bpm.model.bpmn.instance.Message;
import org.camunda.bpm.model.bpmn.instance.MessageEventDefinition;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.ReceiveTask;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.dozvon.Violation;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

import org.springframework.util.unit.DataSize;

/**
 * Checks uploaded strategy models against the contract of {@code docs/strategies.md} before anything is
 * deployed: each file parses, a BPMN strategy waits for the message {@value #CALL_OUTCOME} and has the service
 * tasks {@value #REQUEST_DIAL} and {@value #FINISH_CONTACT}, and every decision it calls is deployed or comes in
 * the same upload. A DMN file that drops a decision a deployed strategy still calls is accepted with a warning.
 * Camunda's own parser has the last word when the upload is deployed ({@link StrategyUploads}).
 *
 * <p>Plain Java: what is deployed comes in through {@link Deployed}, so the rules are tested without an engine.
 */
final class StrategyValidator {

    static final String CALL_OUTCOME = "CallOutcome";
    static final String REQUEST_DIAL = "${requestDial}";
    static final String FINISH_CONTACT = "${finishContact}";

    /** What the engine has deployed, as far as the checks need it. */
    interface Deployed {

        /** Some version of a decision with this key (decision id) is deployed. */
        boolean hasDecision(String key);

        /**
         * The ids of all decisions in the file that holds the latest version of this decision (the decision
         * included); empty when it is not deployed.
         */
        Set<String> decisionsFiledWith(String key);

        /** The latest version of a deployed decision, empty when there is none. */
        Optional<Integer> latestDecisionVersion(String key);

        /** The decisions that the latest version of every deployed strategy calls. */
        List<DecisionCall> decisionCalls();
    }

    /** A business rule task of a deployed strategy version calling a decision by its id. */
    record DecisionCall(String processKey, int processVersion, String taskId, String decisionKey) {
    }

    /** One uploaded file: its name as the user's computer called it, and its bytes. */
    record ModelFile(String name, byte[] content) {

        Optional<Kind> kind() {
            String lower = name == null ? "" : name.toLowerCase(Locale.ROOT);
            if (lower.endsWith(".bpmn") || lower.endsWith(".bpmn20.xml")) {
                return Optional.of(Kind.BPMN);
            }
            if (lower.endsWith(".dmn") || lower.endsWith(".dmn11.xml")) {
                return Optional.of(Kind.DMN);
            }
            return Optional.empty();
        }
    }

    enum Kind { BPMN, DMN }

    /**
     * The outcome: refusals (nothing may be deployed while there is one), warnings, and what each file defines.
     *
     * @param processes the executable process keys of each BPMN file, by file name
     * @param decisions the decision ids of each DMN file, by file name
     */
    record Checked(List<Violation> errors, List<Violation> warnings, Map<String, List<String>> processes,
                   Map<String, List<String>> decisions) {

        boolean ok() {
            return errors.isEmpty();
        }
    }

    private static final java.util.regex.Pattern LINE = java.util.regex.Pattern.compile("Line=(\\d+): (.*)");

    private final Deployed deployed;
    private final DataSize maxSize;

    StrategyValidator(Deployed deployed, DataSize maxSize) {
        this.deployed = deployed;
        this.maxSize = maxSize;
    }

    Checked check(List<ModelFile> files) {
        List<Violation> errors = new ArrayList<>();
        List<Violation> warnings = new ArrayList<>();
        Map<String, List<String>> processes = new LinkedHashMap<>();
        Map<String, List<String>> decisions = new LinkedHashMap<>();
        if (files.isEmpty()) {
            errors.add(new Violation("file", "strategies.error.noFile"));
            return new Checked(errors, warnings, processes, decisions);
        }
        Set<String> names = new HashSet<>();
        Map<String, BpmnModelInstance> bpmn = new LinkedHashMap<>();
        Map<String, DmnModelInstance> dmn = new LinkedHashMap<>();
        for (ModelFile file : files) {
            String name = file.name() == null || file.name().isBlank() ? "?" : file.name();
            if (!names.add(name)) {
                errors.add(new Violation("file", "strategies.error.duplicateName", name));
                continue;
            }
            Optional<Kind> kind = file.kind();
            if (kind.isEmpty()) {
                errors.add(new Violation("file", "strategies.error.kind", name));
            } else if (file.content().length == 0) {
                errors.add(new Violation("file", "strategies.error.empty", name));
            } else if (file.content().length > maxSize.toBytes()) {
                errors.add(new Violation("file", "strategies.error.tooLarge", name, size(maxSize.toBytes())));
            } else if (kind.get() == Kind.BPMN) {
                parseBpmn(name, file.content(), errors).ifPresent(model -> bpmn.put(name, model));
            } else {
                parseDmn(name, file.content(), errors).ifPresent(model -> dmn.put(name, model));
            }
        }
        Set<String> uploadedDecisions = new LinkedHashSet<>();
        dmn.forEach((name, model) -> {
            List<String> ids = model.getModelElementsByType(Decision.class).stream().map(Decision::getId).toList();
            if (ids.isEmpty()) {
                errors.add(new Violation("file", "strategies.error.noDecision", name));
            }
            decisions.put(name, ids);
            uploadedDecisions.addAll(ids);
        });
        bpmn.forEach((name, model) -> processes.put(name, checkStrategies(name, model, uploadedDecisions, errors)));
        Set<String> uploadedProcesses = new HashSet<>();
        processes.values().forEach(uploadedProcesses::addAll);
        decisions.forEach((name, ids) -> warnAboutDroppedDecisions(name, ids, uploadedDecisions, uploadedProcesses, warnings));
        return new Checked(errors, warnings, processes, decisions);
    }

    private List<String> checkStrategies(String file, BpmnModelInstance model, Set<String> uploadedDecisions,
                                         List<Violation> errors) {
        List<String> keys = new ArrayList<>();
        for (Process process : model.getModelElementsByType(Process.class)) {
            if (!process.isExecutable()) {
                continue;
            }
            String key = process.getId();
            keys.add(key);
            List<FlowElement> elements = new ArrayList<>();
            collect(process.getFlowElements(), elements);
            if (elements.stream().noneMatch(StrategyValidator::waitsForCallOutcome)) {
                errors.add(new Violation("file", "strategies.error.noCallOutcome", file, key, CALL_OUTCOME));
            }
            if (!hasServiceTask(elements, REQUEST_DIAL)) {
                errors.add(new Violation("file", "strategies.error.noRequestDial", file, key, REQUEST_DIAL));
            }
            if (!hasServiceTask(elements, FINISH_CONTACT)) {
                errors.add(new Violation("file", "strategies.error.noFinishContact", file, key, FINISH_CONTACT));
            }
            for (FlowElement element : elements) {
                if (element instanceof BusinessRuleTask task) {
                    String ref = task.getCamundaDecisionRef();
                    if (ref != null && !isExpression(ref) && !uploadedDecisions.contains(ref) && !deployed.hasDecision(ref)) {
                        errors.add(new Violation("file", "strategies.error.unknownDecision", file, key,
                                task.getName() == null ? task.getId() : task.getName(), ref));
                    }
                }
            }
        }
        if (keys.isEmpty()) {
            errors.add(new Violation("file", "strategies.error.noExecutableProcess", file));
        }
        return keys;
    }

    private void warnAboutDroppedDecisions(String file, List<String> ids, Set<String> uploadedDecisions,
                                           Set<String> uploadedProcesses, List<Violation> warnings) {
        Set<String> before = new LinkedHashSet<>();
        ids.forEach(id -> before.addAll(deployed.decisionsFiledWith(id)));
        before.removeAll(uploadedDecisions);
        if (before.isEmpty()) {
            return;
        }
        for (DecisionCall call : deployed.decisionCalls()) {
            if (before.contains(call.decisionKey()) && !uploadedProcesses.contains(call.processKey())) {
                warnings.add(new Violation("file", "strategies.warning.droppedDecision", file, call.decisionKey(),
                        call.processKey(), String.valueOf(call.processVersion()),
                        deployed.latestDecisionVersion(call.decisionKey()).map(String::valueOf).orElse("?")));
            }
        }
    }

    private static Optional<BpmnModelInstance> parseBpmn(String file, byte[] content, List<Violation> errors) {
        if (!wellFormed(file, "BPMN", content, errors)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Bpmn.readModelFromStream(new ByteArrayInputStream(content)));
        } catch (RuntimeException e) {
            errors.add(parseError(file, "BPMN", e));
            return Optional.empty();
        }
    }

    private static Optional<DmnModelInstance> parseDmn(String file, byte[] content, List<Violation> errors) {
        if (!wellFormed(file, "DMN", content, errors)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Dmn.readModelFromStream(new ByteArrayInputStream(content)));
        } catch (RuntimeException e) {
            errors.add(parseError(file, "DMN", e));
            return Optional.empty();
        }
    }

    /**
     * Camunda's model parser says where XML breaks only as "Line=12" inside a message, so the file is first read
     * by a plain (secure) SAX parser that knows the line and the column.
     */
    private static boolean wellFormed(String file, String kind, byte[] content, List<Violation> errors) {
        try {
            SAXParserFactory factory = SAXParserFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.newSAXParser().parse(new ByteArrayInputStream(content), new DefaultHandler());
            return true;
        } catch (SAXParseException e) {
            errors.add(new Violation("file", "strategies.error.parseAt", file, kind, String.valueOf(e.getLineNumber()),
                    String.valueOf(e.getColumnNumber()), e.getMessage()));
            return false;
        } catch (SAXException | ParserConfigurationException | IOException e) {
            errors.add(new Violation("file", "strategies.error.parse", file, kind, e.getMessage()));
            return false;
        }
    }

    /** The parser's own words, with the line (and column) when the XML parser knew them. */
    static Violation parseError(String file, String kind, Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SAXParseException sax && sax.getLineNumber() > 0) {
                return new Violation("file", "strategies.error.parseAt", file, kind,
                        String.valueOf(sax.getLineNumber()), String.valueOf(sax.getColumnNumber()), sax.getMessage());
            }
            java.util.regex.Matcher line = LINE.matcher(String.valueOf(cause.getMessage()));
            if (line.find()) {
                return new Violation("file", "strategies.error.parseAtLine", file, kind, line.group(1), line.group(2));
            }
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() != null ? root.getMessage() : e.getMessage();
        return new Violation("file", "strategies.error.parse", file, kind, message == null ? e.toString() : message);
    }

    private static void collect(Collection<FlowElement> from, List<FlowElement> into) {
        for (FlowElement element : from) {
            into.add(element);
            if (element instanceof SubProcess sub) {
                collect(sub.getFlowElements(), into);
            }
        }
    }

    private static boolean waitsForCallOutcome(FlowElement element) {
        if (element instanceof IntermediateCatchEvent event) {
            for (EventDefinition definition : event.getEventDefinitions()) {
                if (definition instanceof MessageEventDefinition message && isCallOutcome(message.getMessage())) {
                    return true;
                }
            }
        }
        return element instanceof ReceiveTask task && isCallOutcome(task.getMessage());
    }

    private static boolean isCallOutcome(Message message) {
        return message != null && CALL_OUTCOME.equals(message.getName());
    }

    private static boolean hasServiceTask(List<FlowElement> elements, String delegateExpression) {
        return elements.stream().anyMatch(element -> element instanceof ServiceTask task
                && task.getCamundaDelegateExpression() != null
                && task.getCamundaDelegateExpression().replaceAll("\\s", "").equals(delegateExpression));
    }

    private static boolean isExpression(String ref) {
        return ref.contains("${") || ref.contains("#{");
    }

    /** 1.5 MB, 800 KB, 12 bytes: how a person reads a file's size. */
    static String size(long bytes) {
        if (bytes >= 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024));
        }
        if (bytes >= 1024) {
            return String.format(Locale.ROOT, "%d KB", bytes / 1024);
        }
        return bytes + " B";
    }
}
