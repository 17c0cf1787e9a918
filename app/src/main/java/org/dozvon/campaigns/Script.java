package org.dozvon.campaigns;

import java.util.List;
import java.util.Optional;

/**
 * A call script (manual section 17): the questions an operator works through with the person and
 * answers at wrap-up. Campaigns refer to one by id.
 *
 * @param questions in the order the operator sees them
 */
public record Script(long id, String name, String description, List<ScriptQuestion> questions) {

    public Script {
        questions = questions == null ? List.of() : List.copyOf(questions);
    }

    public Optional<ScriptQuestion> question(String key) {
        return questions.stream().filter(q -> q.key().equals(key)).findFirst();
    }
}
