package org.dozvon.strategy;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import camundajar.impl.scala.util.Either;
import camundajar.impl.scala.util.Left;
import camundajar.impl.scala.util.Right;

import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.dmn.feel.impl.FeelEngine;
import org.camunda.bpm.dmn.feel.impl.FeelEngineFactory;
import org.camunda.bpm.dmn.feel.impl.scala.ContextVariableWrapper;
import org.camunda.bpm.dmn.feel.impl.scala.ScalaFeelEngine;
import org.camunda.bpm.dmn.feel.impl.scala.function.FeelCustomFunctionProvider;
import org.camunda.bpm.engine.variable.context.VariableContext;
import org.camunda.feel.context.CustomContext;
import org.camunda.feel.context.VariableProvider;
import org.camunda.feel.syntaxtree.ParsedExpression;

/**
 * Camunda's FEEL engine (the Scala one it uses by default) that parses each expression text once.
 * Camunda's own hands the text to FEEL on every evaluation, and FEEL parses it anew: for the decision
 * {@code nextAction} after every call attempt that parsing was a third of the step's CPU. Evaluation is
 * exactly Camunda's (parse and validate, then evaluate in the same variable contexts), only the parsed
 * expression is kept, keyed by its text. The texts come from deployed decisions, so there are few; the
 * cache is emptied should it ever reach {@value #LIMIT} entries.
 */
class ParsedFeelEngine extends ScalaFeelEngine {

    static final int LIMIT = 10_000;

    private final Map<String, ParsedExpression> expressions = new ConcurrentHashMap<>();
    private final Map<String, ParsedExpression> unaryTests = new ConcurrentHashMap<>();

    ParsedFeelEngine(List<FeelCustomFunctionProvider> functionProviders) {
        super(functionProviders);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T evaluateSimpleExpression(String expression, VariableContext variables) {
        ParsedExpression parsed = parsed(expressions, expression, feelEngine::parseExpression);
        return (T) value(feelEngine.eval(parsed, new CustomContext() {
            @Override
            public VariableProvider variableProvider() {
                return new ContextVariableWrapper(variables);
            }
        }));
    }

    @Override
    public boolean evaluateSimpleUnaryTests(String expression, String inputVariable, VariableContext variables) {
        ParsedExpression parsed = parsed(unaryTests, expression, feelEngine::parseUnaryTests);
        VariableProvider input = new VariableProvider.StaticVariableProvider(
                new camundajar.impl.scala.collection.immutable.Map.Map1<>(INPUT_VARIABLE_NAME, inputVariable));
        ContextVariableWrapper wrapper = new ContextVariableWrapper(variables);
        return camundajar.impl.scala.runtime.BoxesRunTime.unboxToBoolean(value(feelEngine.eval(parsed, new CustomContext() {
            @Override
            public VariableProvider variableProvider() {
                return new VariableProvider.CompositeVariableProvider(toScalaList(input, wrapper));
            }
        })));
    }

    private static ParsedExpression parsed(Map<String, ParsedExpression> cache, String expression,
                                           Function<String, Either<org.camunda.feel.FeelEngine.Failure, ParsedExpression>> parser) {
        ParsedExpression parsed = cache.get(expression);
        if (parsed == null) {
            parsed = (ParsedExpression) value(parser.apply(expression));
            if (cache.size() >= LIMIT) {
                cache.clear();
            }
            cache.put(expression, parsed);
        }
        return parsed;
    }

    /** The result, or Camunda's own exception for a failure (parse, validation or evaluation). */
    private static Object value(Either<org.camunda.feel.FeelEngine.Failure, ?> result) {
        if (result instanceof Right<?, ?> right) {
            return right.value();
        }
        throw LOGGER.evaluationException(((Left<org.camunda.feel.FeelEngine.Failure, ?>) result).value().message());
    }

    /** Makes the DMN engine use this engine, with the custom functions Camunda would give its own. */
    static void install(DefaultDmnEngineConfiguration dmn) {
        dmn.setFeelEngineFactory(new FeelEngineFactory() {
            @Override
            public FeelEngine createInstance() {
                return new ParsedFeelEngine(dmn.getFeelCustomFunctionProviders());
            }
        });
    }
}
