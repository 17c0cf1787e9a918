package org.dozvon.campaigns;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Call scripts, their questions and the answers given during attempts, in PostgreSQL. */
@Repository
class ScriptStore {

    private static final String ANSWER_COLUMNS = "attempt_id, campaign_id, script_id, question_key, question_text,"
            + " answer, answered_by, answered_at";

    private final JdbcClient jdbc;

    ScriptStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<Script> all() {
        return withQuestions(jdbc.sql("select id, name, description from script order by lower(name)")
                .query((rs, n) -> new Script(rs.getLong(1), rs.getString(2), rs.getString(3), List.of())).list());
    }

    Optional<Script> byId(long id) {
        return withQuestions(jdbc.sql("select id, name, description from script where id = :id").param("id", id)
                .query((rs, n) -> new Script(rs.getLong(1), rs.getString(2), rs.getString(3), List.of())).list())
                .stream().findFirst();
    }

    Optional<Long> scriptOfCampaign(long campaignId) {
        return jdbc.sql("select script_id from campaign where id = :id and script_id is not null")
                .param("id", campaignId).query(Long.class).optional();
    }

    boolean nameTaken(String name, Long except) {
        return jdbc.sql("select count(*) > 0 from script where lower(name) = lower(:name) and id <> :except")
                .param("name", name).param("except", except == null ? -1 : except).query(Boolean.class).single();
    }

    long insert(String name, String description, Instant now) {
        return jdbc.sql("""
                        insert into script (name, description, created_at, updated_at)
                        values (:name, :description, :now, :now) returning id""")
                .param("name", name).param("description", description).param("now", Timestamp.from(now))
                .query(Long.class).single();
    }

    void update(long id, String name, String description, Instant now) {
        jdbc.sql("""
                        update script set name = :name, description = :description, updated_at = :now,
                            version = version + 1 where id = :id""")
                .param("name", name).param("description", description).param("now", Timestamp.from(now))
                .param("id", id).update();
    }

    /** Replaces the script's questions with these, in this order. */
    void setQuestions(long id, List<ScriptQuestion> questions) {
        jdbc.sql("delete from script_question where script_id = :id").param("id", id).update();
        for (int i = 0; i < questions.size(); i++) {
            ScriptQuestion q = questions.get(i);
            jdbc.sql("""
                            insert into script_question (script_id, position, question_key, text, answer_type, options,
                                mandatory, link, help)
                            values (:id, :position, :key, :text, :type, cast(:options as varchar[]), :mandatory, :link, :help)""")
                    .param("id", id).param("position", i + 1).param("key", q.key()).param("text", q.text())
                    .param("type", q.type().name()).param("options", q.options().toArray(String[]::new))
                    .param("mandatory", q.mandatory()).param("link", q.link()).param("help", q.help()).update();
        }
    }

    /** Names of the campaigns that use the script, by name. */
    List<String> campaignsUsing(long id) {
        return jdbc.sql("select name from campaign where script_id = :id order by lower(name)")
                .param("id", id).query(String.class).list();
    }

    void delete(long id) {
        jdbc.sql("delete from script where id = :id").param("id", id).update();
    }

    // ---- answers

    List<ScriptAnswer> answers(long attemptId) {
        return jdbc.sql("select " + ANSWER_COLUMNS + " from script_answer where attempt_id = :id order by position, question_key")
                .param("id", attemptId).query(ScriptStore::answerRow).list();
    }

    /** Writes an answer; an existing answer to the same question is replaced. */
    void putAnswer(ScriptAnswer answer, int position) {
        jdbc.sql("""
                        insert into script_answer (attempt_id, question_key, campaign_id, script_id, position, question_text,
                            answer, answered_by, answered_at)
                        values (:attempt, :key, :campaign, :script, :position, :text, :answer, :by, :at)
                        on conflict (attempt_id, question_key) do update set campaign_id = excluded.campaign_id,
                            script_id = excluded.script_id, position = excluded.position,
                            question_text = excluded.question_text, answer = excluded.answer,
                            answered_by = excluded.answered_by, answered_at = excluded.answered_at""")
                .param("attempt", answer.attemptId()).param("key", answer.questionKey())
                .param("campaign", answer.campaignId()).param("script", answer.scriptId()).param("position", position)
                .param("text", answer.questionText()).param("answer", answer.answer()).param("by", answer.answeredBy())
                .param("at", Timestamp.from(answer.answeredAt())).update();
    }

    void removeAnswer(long attemptId, String key) {
        jdbc.sql("delete from script_answer where attempt_id = :id and question_key = :key")
                .param("id", attemptId).param("key", key).update();
    }

    /** The campaign's latest attempts with answers, newest first: attempt id → its answers. */
    Map<Long, List<ScriptAnswer>> recentAnswers(long campaignId, int attempts) {
        Map<Long, List<ScriptAnswer>> byAttempt = new LinkedHashMap<>();
        jdbc.sql("select " + ANSWER_COLUMNS + """
                         from script_answer where campaign_id = :campaign and attempt_id in (
                            select distinct attempt_id from script_answer where campaign_id = :campaign
                            order by attempt_id desc limit :limit)
                        order by attempt_id desc, position, question_key""")
                .param("campaign", campaignId).param("limit", attempts).query(ScriptStore::answerRow).list()
                .forEach(answer -> byAttempt.computeIfAbsent(answer.attemptId(), k -> new ArrayList<>()).add(answer));
        return byAttempt;
    }

    private List<Script> withQuestions(List<Script> scripts) {
        if (scripts.isEmpty()) {
            return scripts;
        }
        Map<Long, List<ScriptQuestion>> questions = new LinkedHashMap<>();
        scripts.forEach(script -> questions.put(script.id(), new ArrayList<>()));
        jdbc.sql("""
                        select script_id, question_key, text, answer_type, options, mandatory, link, help
                        from script_question where script_id = any(cast(:ids as bigint[])) order by script_id, position""")
                .param("ids", questions.keySet().toArray(Long[]::new))
                .query(rs -> {
                    questions.get(rs.getLong(1)).add(new ScriptQuestion(rs.getString(2), rs.getString(3),
                            AnswerType.valueOf(rs.getString(4)), strings(rs.getArray(5)), rs.getBoolean(6),
                            rs.getString(7), rs.getString(8)));
                });
        return scripts.stream().map(s -> new Script(s.id(), s.name(), s.description(), questions.get(s.id()))).toList();
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : List.of((String[]) array.getArray());
    }

    private static ScriptAnswer answerRow(ResultSet rs, int n) throws SQLException {
        return new ScriptAnswer(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getTimestamp(8).toInstant());
    }
}
