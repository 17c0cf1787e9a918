package org.dozvon.campaigns;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

import org.dozvon.Violation;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Caller IDs and their groups (manual sections 12–13): the numbers customers see, and the sets a campaign
 * draws one from for each call.
 */
@Service
public class CallerIds {

    /** What a caller ID may hold: a number with an optional leading +. */
    private static final Pattern NUMBER = Pattern.compile("\\+?[0-9]{2,20}");

    private final JdbcClient jdbc;

    CallerIds(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Every caller ID, by number. */
    public List<CallerId> numbers() {
        return jdbc.sql("select id, number, description from caller_id order by number").query(CallerIds::callerId).list();
    }

    /** Every group with its numbers, by name. */
    public List<CallerIdGroup> groups() {
        Map<Long, List<CallerId>> members = new LinkedHashMap<>();
        jdbc.sql("""
                        select m.group_id, c.id, c.number, c.description from caller_id_group_number m
                        join caller_id c on c.id = m.caller_id_id order by c.number""")
                .query(rs -> {
                    members.computeIfAbsent(rs.getLong(1), id -> new ArrayList<>())
                            .add(new CallerId(rs.getLong(2), rs.getString(3), rs.getString(4)));
                });
        return jdbc.sql("select id, name, description from caller_id_group order by lower(name)")
                .query((rs, row) -> new CallerIdGroup(rs.getLong(1), rs.getString(2), rs.getString(3),
                        List.copyOf(members.getOrDefault(rs.getLong(1), List.of()))))
                .list();
    }

    public Optional<CallerIdGroup> group(long id) {
        return groups().stream().filter(group -> group.id() == id).findFirst();
    }

    CallerIdGroup existingGroup(long id) {
        return group(id).orElseThrow(() -> new ReferenceNotFound("caller-ID group " + id));
    }

    /** A random number of the group for one call; empty when the group has none (or is gone). */
    public Optional<String> pick(long groupId) {
        List<String> numbers = jdbc.sql("""
                        select c.number from caller_id_group_number m join caller_id c on c.id = m.caller_id_id
                        where m.group_id = :group""")
                .param("group", groupId).query(String.class).list();
        return numbers.isEmpty() ? Optional.empty()
                : Optional.of(numbers.get(ThreadLocalRandom.current().nextInt(numbers.size())));
    }

    @Transactional
    ReferenceResult addNumber(String number, String description) {
        String clean = number == null ? "" : number.replaceAll("[\\s()-]", "");
        if (!NUMBER.matcher(clean).matches()) {
            return ReferenceResult.refused("number", "callerIds.error.number", number == null ? "" : number.strip());
        }
        if (jdbc.sql("select count(*) from caller_id where number = :n").param("n", clean).query(Long.class).single() > 0) {
            return ReferenceResult.refused("number", "callerIds.error.numberTaken", clean);
        }
        return ReferenceResult.done(jdbc.sql("insert into caller_id (number, description) values (:n, :d) returning id")
                .param("n", clean).param("d", blankToNull(description)).query(Long.class).single());
    }

    @Transactional
    void deleteNumber(long id) {
        if (jdbc.sql("delete from caller_id where id = :id").param("id", id).update() == 0) {
            throw new ReferenceNotFound("caller ID " + id);
        }
    }

    /**
     * Creates a group ({@code id} null) or changes one; with {@code numbers}, its members become exactly these
     * caller IDs (by number; each must exist).
     */
    @Transactional
    ReferenceResult saveGroup(Long id, String name, String description, List<String> numbers) {
        if (id != null) {
            existingGroup(id);
        }
        List<Violation> violations = new ArrayList<>();
        String clean = name == null ? "" : name.strip();
        if (clean.isEmpty()) {
            violations.add(new Violation("name", "callerIds.error.groupName"));
        } else if (clean.length() > 200) {
            violations.add(new Violation("name", "codes.error.nameLength", 200));
        } else if (jdbc.sql("select count(*) from caller_id_group where lower(name) = lower(:n) and id <> :id")
                .param("n", clean).param("id", id == null ? -1L : id).query(Long.class).single() > 0) {
            violations.add(new Violation("name", "callerIds.error.groupNameTaken", clean));
        }
        List<Long> members = new ArrayList<>();
        if (numbers != null) {
            List<String> unknown = new ArrayList<>();
            for (String number : new LinkedHashSet<>(numbers)) {
                String key = number == null ? "" : number.replaceAll("[\\s()-]", "");
                Optional<Long> found = jdbc.sql("select id from caller_id where number = :n").param("n", key)
                        .query(Long.class).optional();
                found.ifPresentOrElse(members::add, () -> unknown.add(key));
            }
            if (!unknown.isEmpty()) {
                violations.add(new Violation("numbers", "callerIds.error.unknownNumbers", String.join(", ", unknown)));
            }
        }
        if (!violations.isEmpty()) {
            return ReferenceResult.refused(violations);
        }
        long groupId = id != null ? id : jdbc.sql("insert into caller_id_group (name, description) values (:n, :d) returning id")
                .param("n", clean).param("d", blankToNull(description)).query(Long.class).single();
        if (id != null) {
            jdbc.sql("update caller_id_group set name = :n, description = :d where id = :id")
                    .param("n", clean).param("d", blankToNull(description)).param("id", id).update();
        }
        if (numbers != null) {
            jdbc.sql("delete from caller_id_group_number where group_id = :g").param("g", groupId).update();
            for (Long member : members) {
                addToGroup(groupId, member);
            }
        }
        return ReferenceResult.done(groupId);
    }

    @Transactional
    void addToGroup(long groupId, long callerIdId) {
        jdbc.sql("insert into caller_id_group_number (group_id, caller_id_id) values (:g, :c) on conflict do nothing")
                .param("g", groupId).param("c", callerIdId).update();
    }

    @Transactional
    void removeFromGroup(long groupId, long callerIdId) {
        jdbc.sql("delete from caller_id_group_number where group_id = :g and caller_id_id = :c")
                .param("g", groupId).param("c", callerIdId).update();
    }

    @Transactional
    void deleteGroup(long id) {
        if (jdbc.sql("delete from caller_id_group where id = :id").param("id", id).update() == 0) {
            throw new ReferenceNotFound("caller-ID group " + id);
        }
    }

    private static CallerId callerId(ResultSet rs, int row) throws SQLException {
        return new CallerId(rs.getLong(1), rs.getString(2), rs.getString(3));
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
