package org.dozvon.dialing;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import org.dozvon.Violation;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The IVR numbers operators transfer customers to (table {@code ivr_number}). */
@Service
public class IvrNumbers {

    static final Pattern CODE = Pattern.compile("[A-Za-z0-9_-]{1,32}");
    /** What Asterisk accepts as a context name and an extension without quoting. */
    static final Pattern DIALPLAN = Pattern.compile("[A-Za-z0-9_+*#.\\-]{1,80}");
    private static final String COLUMNS = "id, code, name, context, extension, description";

    private final JdbcClient jdbc;

    IvrNumbers(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<IvrNumber> all() {
        return jdbc.sql("select " + COLUMNS + " from ivr_number order by lower(code)").query(IvrNumber.class).list();
    }

    public Optional<IvrNumber> find(long id) {
        return jdbc.sql("select " + COLUMNS + " from ivr_number where id = :id").param("id", id)
                .query(IvrNumber.class).optional();
    }

    public Optional<IvrNumber> byCode(String code) {
        return code == null ? Optional.empty() : jdbc.sql("select " + COLUMNS + " from ivr_number where lower(code) = lower(:code)")
                .param("code", code.strip()).query(IvrNumber.class).optional();
    }

    /** An IVR number as a person enters it. */
    public record Draft(String code, String name, String context, String extension, String description) {
    }

    /** The number saved, or why not. */
    public record Saved(List<Violation> violations, Long id) {
        public boolean ok() {
            return violations.isEmpty();
        }
    }

    @Transactional
    public Saved save(Long id, Draft draft) {
        List<Violation> violations = new ArrayList<>();
        String code = clean(draft.code());
        String name = clean(draft.name());
        String context = clean(draft.context());
        String extension = clean(draft.extension());
        String description = clean(draft.description());
        if (code == null || !CODE.matcher(code).matches()) {
            violations.add(new Violation("code", "ivrNumbers.error.code"));
        } else {
            byCode(code).filter(other -> id == null || other.id() != id)
                    .ifPresent(other -> violations.add(new Violation("code", "ivrNumbers.error.codeTaken", code)));
        }
        if (name == null || name.length() > 200) {
            violations.add(new Violation("name", "ivrNumbers.error.name"));
        }
        if (context == null || !DIALPLAN.matcher(context).matches()) {
            violations.add(new Violation("context", "ivrNumbers.error.context"));
        }
        if (extension == null || !DIALPLAN.matcher(extension).matches()) {
            violations.add(new Violation("extension", "ivrNumbers.error.extension"));
        }
        if (description != null && description.length() > 1000) {
            violations.add(new Violation("description", "ivrNumbers.error.description"));
        }
        if (id != null && find(id).isEmpty()) {
            violations.add(new Violation("id", "ivrNumbers.error.notFound", id));
        }
        if (!violations.isEmpty()) {
            return new Saved(violations, id);
        }
        if (id == null) {
            return new Saved(List.of(), jdbc.sql("""
                            insert into ivr_number (code, name, context, extension, description)
                            values (:code, :name, :context, :extension, :description) returning id""")
                    .param("code", code).param("name", name).param("context", context).param("extension", extension)
                    .param("description", description).query(Long.class).single());
        }
        jdbc.sql("""
                        update ivr_number set code = :code, name = :name, context = :context, extension = :extension,
                               description = :description where id = :id""")
                .param("code", code).param("name", name).param("context", context).param("extension", extension)
                .param("description", description).param("id", id).update();
        return new Saved(List.of(), id);
    }

    /** Deletes an IVR number; false when there is none. */
    @Transactional
    public boolean delete(long id) {
        return jdbc.sql("delete from ivr_number where id = :id").param("id", id).update() == 1;
    }

    private static String clean(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
