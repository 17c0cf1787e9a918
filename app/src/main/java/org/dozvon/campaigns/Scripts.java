package org.dozvon.campaigns;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.dozvon.Violation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Call scripts and the answers given during attempts. The public methods are the module's API: the workplace
 * shows the campaign's script, checks the operator's answers and stores them with the wrap-up; supervisors read
 * and correct them in the portal.
 */
@Service
public class Scripts {

    static final Pattern KEY = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,63}");
    static final Pattern LINK = Pattern.compile("https?://\\S+", Pattern.CASE_INSENSITIVE);
    static final int MAX_QUESTIONS = 100;
    static final int MAX_OPTIONS = 50;
    static final int MAX_ANSWER = 4000;
    /** The workplace's and the portal's input for a question is this prefix and the question's key. */
    public static final String ANSWER_FIELD = "answer_";
    private static final Logger log = LoggerFactory.getLogger(Scripts.class);

    private final ScriptStore store;
    private final Clock clock;

    Scripts(ScriptStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** The answers among a form's parameters ({@code answer_<key>}), as key → answer. */
    public static Map<String, String> answersIn(Map<String, String> params) {
        Map<String, String> answers = new LinkedHashMap<>();
        params.forEach((name, value) -> {
            if (name.startsWith(ANSWER_FIELD)) {
                answers.put(name.substring(ANSWER_FIELD.length()), value);
            }
        });
        return answers;
    }

    /** Every script, by name. */
    public List<Script> scripts() {
        return store.all();
    }

    public Optional<Script> script(long id) {
        return store.byId(id);
    }

    /** The script the campaign's operators work with; empty when it has none (or there is no such campaign). */
    public Optional<Script> forCampaign(long campaignId) {
        return store.scriptOfCampaign(campaignId).flatMap(store::byId);
    }

    /**
     * What is wrong with these answers (question key → answer as typed; blank or absent: not answered) to the
     * script: a mandatory question not answered, an answer not of its question's type, or not one of its options.
     * Each violation's field is {@code answer_<key>}. Answers to keys the script has not are ignored.
     *
     * @throws ReferenceNotFound when there is no such script
     */
    public List<Violation> check(long scriptId, Map<String, String> answers) {
        List<Violation> violations = new ArrayList<>();
        normalised(existing(scriptId), answers, violations);
        return violations;
    }

    /**
     * Checks the answers as {@link #check} does and, when nothing is wrong, stores them as the attempt's answers:
     * a changed answer is recorded as {@code username}'s, now; an unchanged one keeps who gave it and when; a
     * question now left blank loses its answer. Nothing is stored when something is wrong.
     *
     * @param attemptId the attempt (its dial request's id)
     * @return what is wrong; empty when stored
     */
    @Transactional
    public List<Violation> saveAnswers(long attemptId, long campaignId, long scriptId, Map<String, String> answers,
                                       String username) {
        Script script = existing(scriptId);
        List<Violation> violations = new ArrayList<>();
        Map<String, String> clean = normalised(script, answers, violations);
        if (!violations.isEmpty()) {
            return violations;
        }
        Map<String, ScriptAnswer> before = new LinkedHashMap<>();
        store.answers(attemptId).forEach(answer -> before.put(answer.questionKey(), answer));
        Instant now = clock.instant();
        for (int i = 0; i < script.questions().size(); i++) {
            ScriptQuestion question = script.questions().get(i);
            String value = clean.get(question.key());
            ScriptAnswer old = before.get(question.key());
            if (value == null) {
                if (old != null) {
                    store.removeAnswer(attemptId, question.key());
                }
            } else if (old == null || !old.answer().equals(value) || old.scriptId() != scriptId) {
                store.putAnswer(new ScriptAnswer(attemptId, campaignId, scriptId, question.key(), question.text(), value,
                        username, now), i + 1);
            }
        }
        return List.of();
    }

    /** The attempt's answers in the order of their questions; empty when it has none. */
    public List<ScriptAnswer> answers(long attemptId) {
        return store.answers(attemptId);
    }

    /** The answers as stored (yes/no in capitals, numbers plain, dates ISO), only answered questions, in order. */
    private static Map<String, String> normalised(Script script, Map<String, String> answers, List<Violation> violations) {
        Map<String, String> clean = new LinkedHashMap<>();
        for (ScriptQuestion question : script.questions()) {
            String given = answers == null ? null : answers.get(question.key());
            String value = given == null ? "" : given.strip();
            String field = ANSWER_FIELD + question.key();
            if (value.isEmpty()) {
                if (question.mandatory()) {
                    violations.add(new Violation(field, "scripts.error.answerRequired", question.text()));
                }
                continue;
            }
            switch (question.type()) {
                case TEXT -> {
                    if (value.length() > MAX_ANSWER) {
                        violations.add(new Violation(field, "scripts.error.answerLength", question.text(), MAX_ANSWER));
                        continue;
                    }
                }
                case YES_NO -> {
                    value = value.toUpperCase(Locale.ROOT);
                    if (!value.equals("YES") && !value.equals("NO")) {
                        violations.add(new Violation(field, "scripts.error.answerYesNo", question.text()));
                        continue;
                    }
                }
                case CHOICE -> {
                    if (!question.options().contains(value)) {
                        violations.add(new Violation(field, "scripts.error.answerOption", question.text(), value,
                                String.join(", ", question.options())));
                        continue;
                    }
                }
                case NUMBER -> {
                    try {
                        value = new BigDecimal(value.replace(" ", "").replace(',', '.')).toPlainString();
                    } catch (NumberFormatException e) {
                        violations.add(new Violation(field, "scripts.error.answerNumber", question.text(), value));
                        continue;
                    }
                }
                case DATE -> {
                    try {
                        value = LocalDate.parse(value).toString();
                    } catch (DateTimeParseException e) {
                        violations.add(new Violation(field, "scripts.error.answerDate", question.text(), value));
                        continue;
                    }
                }
            }
            clean.put(question.key(), value);
        }
        return clean;
    }

    // ---- changes, for this module's pages and API

    Script existing(long id) {
        return store.byId(id).orElseThrow(() -> new ReferenceNotFound("script " + id));
    }

    /** The campaign's latest attempts with answers, newest first. */
    Map<Long, List<ScriptAnswer>> recentAnswers(long campaignId, int attempts) {
        return store.recentAnswers(campaignId, attempts);
    }

    /**
     * Creates a script ({@code id} null) or changes one. With {@code questions} null an existing script keeps
     * its questions; otherwise they become exactly these, in this order.
     */
    @Transactional
    ReferenceResult save(Long id, ScriptDraft draft) {
        if (id != null) {
            existing(id);
        }
        List<Violation> violations = check(id, draft);
        if (!violations.isEmpty()) {
            return ReferenceResult.refused(violations);
        }
        String name = draft.name().strip();
        String description = blankToNull(draft.description());
        long scriptId;
        if (id == null) {
            scriptId = store.insert(name, description, clock.instant());
            log.info("Script '{}' created", name);
        } else {
            scriptId = id;
            store.update(id, name, description, clock.instant());
        }
        if (draft.questions() != null) {
            store.setQuestions(scriptId, draft.questions().stream().map(Scripts::question).toList());
        } else if (id == null) {
            store.setQuestions(scriptId, List.of());
        }
        return ReferenceResult.done(scriptId);
    }

    /** What is wrong with saving {@code draft} as the script {@code id} (null: a new one); nothing is changed. */
    List<Violation> check(Long id, ScriptDraft draft) {
        List<Violation> violations = new ArrayList<>();
        String name = draft.name() == null ? "" : draft.name().strip();
        if (name.isEmpty()) {
            violations.add(new Violation("name", "scripts.error.name"));
        } else if (name.length() > 200) {
            violations.add(new Violation("name", "scripts.error.tooLong", 200));
        } else if (store.nameTaken(name, id)) {
            violations.add(new Violation("name", "scripts.error.nameTaken", name));
        }
        if (draft.description() != null && draft.description().strip().length() > 2000) {
            violations.add(new Violation("description", "scripts.error.tooLong", 2000));
        }
        List<QuestionDraft> questions = draft.questions() == null ? List.of() : draft.questions();
        if (questions.size() > MAX_QUESTIONS) {
            violations.add(new Violation("questions", "scripts.error.tooManyQuestions", MAX_QUESTIONS));
        }
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < questions.size(); i++) {
            QuestionDraft q = questions.get(i) == null ? QuestionDraft.EMPTY : questions.get(i);
            String field = "questions[" + i + "].";
            String key = q.key() == null ? "" : q.key().strip();
            if (key.isEmpty()) {
                violations.add(new Violation(field + "key", "scripts.error.keyRequired", i + 1));
            } else if (!KEY.matcher(key).matches()) {
                violations.add(new Violation(field + "key", "scripts.error.key", key));
            } else if (!keys.add(key.toLowerCase(Locale.ROOT))) {
                violations.add(new Violation(field + "key", "scripts.error.keyTwice", key));
            }
            String text = q.text() == null ? "" : q.text().strip();
            if (text.isEmpty()) {
                violations.add(new Violation(field + "text", "scripts.error.text", i + 1));
            } else if (text.length() > 1000) {
                violations.add(new Violation(field + "text", "scripts.error.tooLong", 1000));
            }
            if (q.type() == null) {
                violations.add(new Violation(field + "type", "scripts.error.type", i + 1));
            }
            List<String> options = options(q.options());
            if (q.type() == AnswerType.CHOICE) {
                if (options.isEmpty()) {
                    violations.add(new Violation(field + "options", "scripts.error.noOptions", i + 1));
                } else if (options.size() > MAX_OPTIONS) {
                    violations.add(new Violation(field + "options", "scripts.error.tooManyOptions", MAX_OPTIONS));
                } else if (new HashSet<>(options).size() < options.size()) {
                    violations.add(new Violation(field + "options", "scripts.error.optionTwice", i + 1));
                } else if (options.stream().anyMatch(option -> option.length() > 200)) {
                    violations.add(new Violation(field + "options", "scripts.error.tooLong", 200));
                }
            }
            String link = blankToNull(q.link());
            if (link != null && (link.length() > 2000 || !LINK.matcher(link).matches())) {
                violations.add(new Violation(field + "link", "scripts.error.link", link));
            }
            if (q.help() != null && q.help().strip().length() > 2000) {
                violations.add(new Violation(field + "help", "scripts.error.tooLong", 2000));
            }
        }
        return violations;
    }

    /**
     * Deletes a script no campaign uses. A script a campaign uses is refused, naming the campaigns: choose
     * another script for them first. Answers already given stay (they keep their questions' texts).
     */
    @Transactional
    ReferenceResult delete(long id) {
        Script script = existing(id);
        List<String> campaigns = store.campaignsUsing(id);
        if (!campaigns.isEmpty()) {
            return ReferenceResult.refused("script", "scripts.error.inUse", script.name(), String.join(", ", campaigns));
        }
        store.delete(id);
        log.info("Script '{}' deleted", script.name());
        return ReferenceResult.done(id);
    }

    private static ScriptQuestion question(QuestionDraft q) {
        return new ScriptQuestion(q.key().strip(), q.text().strip(), q.type(),
                q.type() == AnswerType.CHOICE ? options(q.options()) : List.of(), Boolean.TRUE.equals(q.mandatory()),
                blankToNull(q.link()), blankToNull(q.help()));
    }

    private static List<String> options(List<String> options) {
        return options == null ? List.of() : options.stream().filter(Objects::nonNull).map(String::strip)
                .filter(option -> !option.isEmpty()).toList();
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    /** What a page or the API asks a script to be; null fields are missing. */
    record ScriptDraft(String name, String description, List<QuestionDraft> questions) {
    }

    /** One question as typed; null fields are missing. */
    record QuestionDraft(String key, String text, AnswerType type, List<String> options, Boolean mandatory,
                         String link, String help) {
        static final QuestionDraft EMPTY = new QuestionDraft(null, null, null, null, null, null, null);

        /** The options one per line, as the form's text area shows them. */
        public String optionsText() {
            return options == null ? "" : String.join("\n", options);
        }

        static QuestionDraft of(ScriptQuestion q) {
            return new QuestionDraft(q.key(), q.text(), q.type(), q.options(), q.mandatory(), q.link(), q.help());
        }
    }
}
