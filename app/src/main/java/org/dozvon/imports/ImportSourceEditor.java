package org.dozvon.imports;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.dozvon.Violation;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.support.CronExpression;
import org.springframework.stereotype.Service;

/**
 * Checks and saves a source as its form gives it: every field is a string of the form, so that a
 * refused form comes back exactly as typed, with a message beside each wrong field.
 */
@Service
class ImportSourceEditor {

    /** The saved source's id, or what is wrong with the form. */
    record Result(Long id, List<Violation> violations) {
        boolean ok() {
            return violations.isEmpty();
        }
    }

    record ListChoice(long id, String name) {
    }

    private final ImportSourceStore sources;
    private final ImportSourceScheduler scheduler;
    private final JdbcClient jdbc;
    private final ImportsProperties properties;
    private final Clock clock;

    ImportSourceEditor(ImportSourceStore sources, ImportSourceScheduler scheduler, JdbcClient jdbc,
                       ImportsProperties properties, Clock clock) {
        this.properties = properties;
        this.sources = sources;
        this.scheduler = scheduler;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    List<ListChoice> lists() {
        return jdbc.sql("select id, name from contact_list order by lower(name)")
                .query((rs, n) -> new ListChoice(rs.getLong(1), rs.getString(2))).list();
    }

    /** The form of an existing source; passwords are never sent back to the browser. */
    static Map<String, String> form(ImportSource source) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("name", source.name());
        form.put("listId", String.valueOf(source.listId()));
        form.put("kind", source.kind().name());
        form.put("enabled", String.valueOf(source.enabled()));
        form.put("cron", source.cron());
        form.put("clearFirst", String.valueOf(source.clearFirst()));
        form.put("updateExisting", String.valueOf(source.updateExisting()));
        StringBuilder mapping = new StringBuilder();
        source.mapping().forEach((column, field) -> mapping.append(column).append('=').append(field).append('\n'));
        form.put("mapping", mapping.toString());
        if (source.settings() instanceof SourceSettings.Folder f) {
            form.put("directory", f.directory());
            form.put("glob", f.glob());
            after(form, f.onSuccess(), f.onFailure());
        } else if (source.settings() instanceof SourceSettings.Sftp f) {
            form.put("host", f.host());
            form.put("port", String.valueOf(f.port()));
            form.put("username", f.username());
            form.put("directory", f.directory());
            form.put("glob", f.glob());
            after(form, f.onSuccess(), f.onFailure());
        } else if (source.settings() instanceof SourceSettings.Database d) {
            form.put("jdbcUrl", d.jdbcUrl());
            form.put("username", d.username());
            form.put("query", d.query());
        }
        return form;
    }

    static Map<String, String> blank(ImportSource.Kind kind) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("kind", kind.name());
        form.put("enabled", "true");
        form.put("cron", "0 */15 * * * *");
        form.put("glob", "*.csv");
        form.put("port", "22");
        form.put("successAction", "RENAME");
        form.put("successTarget", ".done");
        form.put("failureAction", "RENAME");
        form.put("failureTarget", ".failed");
        return form;
    }

    Result save(Long id, Map<String, String> form) {
        ImportSource existing = id == null ? null : sources.find(id).orElseThrow(() -> new IllegalArgumentException("No source " + id));
        List<Violation> violations = new ArrayList<>();
        ImportSource.Kind kind = existing != null ? existing.kind() : enumOf(ImportSource.Kind.class, form.get("kind"));
        if (kind == null) {
            violations.add(new Violation("kind", "sources.kindRequired"));
            return new Result(null, violations);
        }
        String name = text(form, "name");
        if (name.isEmpty()) {
            violations.add(new Violation("name", "sources.nameRequired"));
        } else if (sources.nameTaken(name, id)) {
            violations.add(new Violation("name", "sources.nameTaken", name));
        }
        Long listId = number(form.get("listId"));
        if (listId == null || lists().stream().noneMatch(l -> l.id() == listId)) {
            violations.add(new Violation("listId", "sources.listRequired"));
        }
        String cron = text(form, "cron");
        try {
            CronExpression.parse(cron);
        } catch (IllegalArgumentException e) {
            violations.add(new Violation("cron", "sources.cronInvalid", ImportSourceScheduler.describe(e)));
        }
        Map<String, String> mapping = new LinkedHashMap<>();
        String[] lines = form.getOrDefault("mapping", "").split("\\R");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            int equals = line.lastIndexOf('=');
            if (equals <= 0 || equals == line.length() - 1) {
                violations.add(new Violation("mapping", "sources.mappingLine", i + 1, line));
            } else {
                mapping.put(line.substring(0, equals).strip(), line.substring(equals + 1).strip());
            }
        }
        if (mapping.isEmpty() && violations.stream().noneMatch(v -> v.field().equals("mapping"))) {
            violations.add(new Violation("mapping", "sources.mappingRequired"));
        }
        SourceSettings settings = settings(kind, form, existing, violations);
        if (!violations.isEmpty()) {
            return new Result(null, violations);
        }
        boolean enabled = Boolean.parseBoolean(form.get("enabled"));
        String hostKey = existing == null ? null : existing.hostKey();
        if (existing != null && settings instanceof SourceSettings.Sftp sftp && !sftp.sameServer((SourceSettings.Sftp) existing.settings())) {
            hostKey = null;
        }
        ImportSource source = new ImportSource(id == null ? 0 : id, name, listId, null, kind, enabled, cron, settings, mapping,
                Boolean.parseBoolean(form.get("clearFirst")), Boolean.parseBoolean(form.get("updateExisting")), hostKey,
                scheduler.nextRun(cron, clock.instant()), null, null);
        if (existing == null) {
            return new Result(sources.create(source, clock.instant()), List.of());
        }
        sources.update(source, clock.instant());
        return new Result(id, List.of());
    }

    void enable(ImportSource source, boolean enabled) {
        sources.enable(source.id(), enabled, scheduler.nextRun(source.cron(), clock.instant()), clock.instant());
    }

    /** The database settings of a form, for the "test query" button, with the stored password when none is typed. */
    SourceSettings.Database database(Long id, Map<String, String> form) {
        String password = text(form, "password");
        if (password.isEmpty() && id != null) {
            password = sources.find(id).map(s -> s.settings() instanceof SourceSettings.Database d ? d.password() : "").orElse("");
        }
        return new SourceSettings.Database(text(form, "jdbcUrl"), text(form, "username"), password, form.getOrDefault("query", ""));
    }

    private SourceSettings settings(ImportSource.Kind kind, Map<String, String> form, ImportSource existing,
                                    List<Violation> violations) {
        return switch (kind) {
            case FOLDER -> {
                String directory = required(form, "directory", violations);
                if (!directory.isEmpty() && FolderDrop.within(properties.sourceFolderRoot(), directory) == null) {
                    violations.add(new Violation("directory", "sources.directoryOutside", properties.sourceFolderRoot()));
                }
                yield new SourceSettings.Folder(directory, glob(form), after(form, "success", true, violations),
                        after(form, "failure", true, violations));
            }
            case SFTP -> {
                String host = required(form, "host", violations);
                Long port = number(form.get("port"));
                if (port == null || port < 1 || port > 65535) {
                    violations.add(new Violation("port", "sources.portInvalid"));
                }
                String username = required(form, "username", violations);
                String password = storedPasswordUnlessTyped(form, existing, violations);
                yield new SourceSettings.Sftp(host, port == null ? 22 : port.intValue(), username, password,
                        text(form, "directory"), glob(form), after(form, "success", false, violations), after(form, "failure", false, violations));
            }
            case DATABASE -> {
                String url = text(form, "jdbcUrl");
                String urlProblem = DatabaseQuery.urlProblem(url);
                if (urlProblem != null) {
                    violations.add(new Violation("jdbcUrl", urlProblem));
                }
                String queryProblem = DatabaseQuery.queryProblem(form.get("query"));
                if (queryProblem != null) {
                    violations.add(new Violation("query", queryProblem));
                }
                String password = text(form, "password");
                if (password.isEmpty() && existing != null && existing.settings() instanceof SourceSettings.Database d) {
                    password = d.password();
                }
                yield new SourceSettings.Database(url, text(form, "username"), password, form.getOrDefault("query", "").strip());
            }
        };
    }

    private static String storedPasswordUnlessTyped(Map<String, String> form, ImportSource existing, List<Violation> violations) {
        String password = text(form, "password");
        if (password.isEmpty() && existing != null && existing.settings() instanceof SourceSettings.Sftp s) {
            return s.password();
        }
        if (password.isEmpty()) {
            violations.add(new Violation("password", "sources.passwordRequired"));
        }
        return password;
    }

    /** A local MOVE stays inside the source's folder tree: relative, without "..". */
    private static SourceSettings.After after(Map<String, String> form, String prefix, boolean local, List<Violation> violations) {
        SourceSettings.Action action = enumOf(SourceSettings.Action.class, form.get(prefix + "Action"));
        String target = text(form, prefix + "Target");
        if (action == null) {
            violations.add(new Violation(prefix + "Action", "sources.actionRequired"));
            return null;
        }
        if (action != SourceSettings.Action.DELETE && (target.isEmpty() || target.contains("..")
                || (action == SourceSettings.Action.RENAME && target.contains("/")) || (local && target.startsWith("/")))) {
            violations.add(new Violation(prefix + "Target", "sources.targetRequired." + action));
        }
        return new SourceSettings.After(action, action == SourceSettings.Action.DELETE ? null : target);
    }

    private static void after(Map<String, String> form, SourceSettings.After success, SourceSettings.After failure) {
        form.put("successAction", success.action().name());
        form.put("successTarget", success.target() == null ? "" : success.target());
        form.put("failureAction", failure.action().name());
        form.put("failureTarget", failure.target() == null ? "" : failure.target());
    }

    private static String glob(Map<String, String> form) {
        String glob = text(form, "glob");
        return glob.isEmpty() ? "*" : glob;
    }

    private static String required(Map<String, String> form, String field, List<Violation> violations) {
        String value = text(form, field);
        if (value.isEmpty()) {
            violations.add(new Violation(field, "sources." + field + "Required"));
        }
        return value;
    }

    private static String text(Map<String, String> form, String field) {
        String value = form.get(field);
        return value == null ? "" : value.strip();
    }

    private static Long number(String text) {
        try {
            return text == null ? null : Long.valueOf(text.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static <E extends Enum<E>> E enumOf(Class<E> type, String name) {
        try {
            return name == null ? null : Enum.valueOf(type, name);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
