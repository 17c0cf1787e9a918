package org.dozvon.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MapSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.tags.Tag;
import org.dozvon.access.RequiresPermission;
import org.springdoc.core.customizers.GlobalOpenApiCustomizer;
import org.springdoc.core.customizers.GlobalOperationCustomizer;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.modulith.ApplicationModule;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.method.HandlerMethod;

/**
 * The OpenAPI 3 description of {@code /api/v1} (springdoc, {@code /v3/api-docs}) made complete from what the code
 * already says: each operation's permission (read from {@link RequiresPermission}, as the security does), the RFC
 * 7807 error answers it can give, the {@code Idempotency-Key} header of POSTs, a tag per module, the two ways to
 * authenticate. Nothing is written by hand per endpoint, so a new endpoint is described the day it is added.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocumentation {

    /** The extension naming the permission an operation requires. */
    static final String PERMISSION = "x-permission";
    /** The extension of operations open to any authenticated caller (no permission needed), such as {@code /api/v1/me}. */
    static final String ANY_AUTHENTICATED = "x-any-authenticated";
    static final String PROBLEM_SCHEMA = "ProblemDetail";
    private static final String PROBLEM_JSON = "application/problem+json";
    private static final Pattern PATH_VARIABLE = Pattern.compile("\\{(\\w+):([^}]+)}");
    private static final Pattern ALTERNATIVES = Pattern.compile("[\\w-]+(\\|[\\w-]+)*");

    @Bean
    OpenAPI dozvonOpenApi(ObjectProvider<BuildProperties> build) {
        BuildProperties properties = build.getIfAvailable();
        return new OpenAPI()
                .info(new Info().title("Dozvon API")
                        .version(properties == null ? "development" : properties.getVersion())
                        .description("""
                                The REST API of Dozvon, the outbound campaign orchestrator: contact lists and contacts, \
                                imports, campaigns, completion codes, callbacks, DNC lists, operators and reference data. \
                                How to use it — authentication, errors, pagination, idempotency keys, a CRM's script — \
                                is written in docs/api.md of the repository. Every error is an RFC 7807 problem \
                                (application/problem+json); each operation names the permission it requires \
                                (x-permission)."""))
                .components(new Components()
                        .addSecuritySchemes("bearer", new SecurityScheme().type(SecurityScheme.Type.HTTP)
                                .scheme("bearer")
                                .description("An API token an administrator created in the portal: "
                                        + "Authorization: Bearer <token>"))
                        .addSecuritySchemes("basic", new SecurityScheme().type(SecurityScheme.Type.HTTP)
                                .scheme("basic")
                                .description("A Dozvon user's name and password (service users)"))
                        .addSchemas(PROBLEM_SCHEMA, problemSchema()))
                .addSecurityItem(new SecurityRequirement().addList("bearer"))
                .addSecurityItem(new SecurityRequirement().addList("basic"));
    }

    @Bean
    GlobalOperationCustomizer permissionsAndErrors() {
        return ApiDocumentation::describe;
    }

    /** The module tags in the order of the modules' names, each once. */
    @Bean
    GlobalOpenApiCustomizer moduleTags() {
        return openApi -> {
            TreeSet<String> names = new TreeSet<>();
            if (openApi.getPaths() != null) {
                openApi.getPaths().values().forEach(item -> item.readOperations().forEach(operation -> {
                    if (operation.getTags() != null) {
                        names.addAll(operation.getTags());
                    }
                }));
            }
            openApi.setTags(names.stream().map(name -> new Tag().name(name)).toList());
        };
    }

    static Operation describe(Operation operation, HandlerMethod handler) {
        RequestMapping mapping = AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), RequestMapping.class);
        String method = mapping == null || mapping.method().length == 0 ? "GET" : mapping.method()[0].name();
        operation.setTags(List.of(module(handler.getBeanType())));

        RequiresPermission permission = requiredPermission(handler);
        if (permission != null) {
            operation.addExtension(PERMISSION, permission.value().name());
            appendDescription(operation, "Permission: " + permission.value().name() + ".");
        } else if (anyAuthenticated(handler)) {
            operation.addExtension(ANY_AUTHENTICATED, true);
            appendDescription(operation, "Permission: none, any authenticated caller.");
        }

        enumeratePathAlternatives(operation, handler);
        boolean pathVariables = parameters(operation).stream().anyMatch(p -> "path".equals(p.getIn()));
        boolean queryParameters = parameters(operation).stream().anyMatch(p -> "query".equals(p.getIn()));

        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        addProblem(responses, "401", "No credentials, or wrong ones (HTTP Basic or a Bearer API token)");
        if (permission != null) {
            addProblem(responses, "403", "The caller does not hold the permission " + permission.value().name());
        }
        if (pathVariables) {
            addProblem(responses, "404", "Nothing with this identifier");
        }
        boolean changes = List.of("POST", "PUT", "PATCH").contains(method);
        if (changes || queryParameters) {
            addProblem(responses, "422", "The request was refused for its fields or parameters: errors names each "
                    + "(field → reason)");
        }
        if (List.of("POST", "PUT", "DELETE").contains(method)) {
            addProblem(responses, "409", "Refused for the state of things (in use, already done, changed meanwhile)"
                    + ("POST".equals(method) ? ", or the Idempotency-Key was used for another request or is still "
                    + "being answered" : ""));
        }
        ApiResponse tooMany = problem("Too many requests for this credential: wait as long as Retry-After says");
        tooMany.addHeaderObject("Retry-After", new Header().description("Seconds to wait")
                .schema(new IntegerSchema()));
        responses.putIfAbsent("429", tooMany);
        ApiResponses sorted = new ApiResponses();
        responses.keySet().stream().sorted().forEach(status -> sorted.addApiResponse(status, responses.get(status)));
        operation.setResponses(sorted);

        if ("POST".equals(method)) {
            operation.addParametersItem(new HeaderParameter().name(IdempotencyKeys.HEADER).required(false)
                    .description("Any 1 to 255 visible ASCII characters (a UUID, say) naming this request: sent "
                            + "again with the same key and the same request, while the key is kept (24 hours unless "
                            + "configured otherwise), the first successful answer is replayed (with Idempotent-Replayed: true) instead of doing the work twice; the same "
                            + "key with another request answers 409")
                    .schema(new StringSchema().minLength(1).maxLength(255).pattern("^[\\x21-\\x7E]{1,255}$")));
        }
        return operation;
    }

    /** As method security reads it: the method's rule, else its class's. */
    static RequiresPermission requiredPermission(HandlerMethod handler) {
        RequiresPermission onMethod = AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(),
                RequiresPermission.class);
        if (onMethod != null || AnnotatedElementUtils.hasAnnotation(handler.getMethod(), PreAuthorize.class)) {
            return onMethod;
        }
        return AnnotatedElementUtils.findMergedAnnotation(handler.getBeanType(), RequiresPermission.class);
    }

    private static boolean anyAuthenticated(HandlerMethod handler) {
        PreAuthorize rule = AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), PreAuthorize.class);
        if (rule == null) {
            rule = AnnotatedElementUtils.findMergedAnnotation(handler.getBeanType(), PreAuthorize.class);
        }
        return rule != null && rule.value().replace(" ", "").equals("isAuthenticated()");
    }

    /** The module's display name (its {@code package-info}), else its package's name. */
    private static String module(Class<?> type) {
        String name = type.getPackageName();
        String[] segments = name.split("\\.");
        String root = segments.length > 2 ? segments[0] + "." + segments[1] + "." + segments[2] : name;
        Package modulePackage = type.getClassLoader() == null ? null : type.getClassLoader().getDefinedPackage(root);
        ApplicationModule module = modulePackage == null ? null : modulePackage.getAnnotation(ApplicationModule.class);
        if (module != null && !module.displayName().isBlank()) {
            return module.displayName();
        }
        String last = root.substring(root.lastIndexOf('.') + 1);
        return last.substring(0, 1).toUpperCase(Locale.ROOT) + last.substring(1);
    }

    /** {@code {action:start|pause|resume|stop}}: the path variable can only be one of these words. */
    private static void enumeratePathAlternatives(Operation operation, HandlerMethod handler) {
        Map<String, List<String>> alternatives = new LinkedHashMap<>();
        List<String> patterns = new ArrayList<>();
        RequestMapping onClass = AnnotatedElementUtils.findMergedAnnotation(handler.getBeanType(), RequestMapping.class);
        RequestMapping onMethod = AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), RequestMapping.class);
        for (RequestMapping mapping : new RequestMapping[] {onClass, onMethod}) {
            if (mapping != null) {
                patterns.addAll(List.of(mapping.path()));
            }
        }
        for (String pattern : patterns) {
            Matcher variable = PATH_VARIABLE.matcher(pattern);
            while (variable.find()) {
                if (ALTERNATIVES.matcher(variable.group(2)).matches()) {
                    alternatives.put(variable.group(1), List.of(variable.group(2).split("\\|")));
                }
            }
        }
        for (Parameter parameter : parameters(operation)) {
            List<String> words = alternatives.get(parameter.getName());
            if ("path".equals(parameter.getIn()) && words != null) {
                StringSchema schema = new StringSchema();
                words.forEach(schema::addEnumItem);
                parameter.setSchema(schema);
            }
        }
    }

    private static List<Parameter> parameters(Operation operation) {
        return operation.getParameters() == null ? List.of() : operation.getParameters();
    }

    private static void appendDescription(Operation operation, String text) {
        String description = operation.getDescription();
        operation.setDescription(description == null || description.isBlank() ? text : description + "\n\n" + text);
    }

    private static void addProblem(ApiResponses responses, String status, String description) {
        responses.putIfAbsent(status, problem(description));
    }

    private static ApiResponse problem(String description) {
        return new ApiResponse().description(description).content(new Content().addMediaType(PROBLEM_JSON,
                new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM_SCHEMA))));
    }

    /** RFC 7807 as Spring's {@code ProblemDetail} writes it, with Dozvon's {@code errors}: field → reason. */
    @SuppressWarnings("rawtypes")
    private static Schema problemSchema() {
        return new ObjectSchema()
                .description("An RFC 7807 problem: what went wrong, and for refused fields which and why")
                .addProperty("type", new StringSchema().format("uri").example("about:blank"))
                .addProperty("title", new StringSchema().example("Unprocessable Entity"))
                .addProperty("status", new IntegerSchema().example(422))
                .addProperty("detail", new StringSchema().example("The name is required."))
                .addProperty("instance", new StringSchema().format("uri").example("/api/v1/campaigns"))
                .addProperty("errors", new MapSchema().additionalProperties(new StringSchema())
                        .description("Field or parameter → the reason it was refused")
                        .example(Map.of("name", "The name is required.")));
    }
}
