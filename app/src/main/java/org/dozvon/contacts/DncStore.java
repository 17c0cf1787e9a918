package org.dozvon.contacts;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Do-not-call lists and their entries, and the flags they put on contacts: a phone found in any DNC
 * list has status DNC, and a contact with such a phone or e-mail is flagged DNC. Flags follow every
 * change of the lists in the same transaction.
 */
@Repository
class DncStore {

    enum Kind { PHONE, EMAIL }

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    DncStore(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    List<DncList> lists() {
        return jdbc.sql("""
                        select l.id, l.name, l.description, (select count(*) from dnc_entry e where e.list_id = l.id)
                        from dnc_list l order by lower(l.name)""")
                .query((rs, n) -> new DncList(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4))).list();
    }

    Optional<DncList> list(long id) {
        return jdbc.sql("select id, name, description, (select count(*) from dnc_entry e where e.list_id = :id)"
                        + " from dnc_list where id = :id")
                .param("id", id)
                .query((rs, n) -> new DncList(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4))).optional();
    }

    boolean nameTaken(String name, Long except) {
        return jdbc.sql("select count(*) > 0 from dnc_list where lower(name) = lower(:name) and id <> :except")
                .param("name", name).param("except", except == null ? -1 : except).query(Boolean.class).single();
    }

    long createList(String name, String description, Instant now) {
        return jdbc.sql("insert into dnc_list (name, description, created_at, updated_at) values (:name, :description, :now, :now) returning id")
                .param("name", name).param("description", description).param("now", Timestamp.from(now))
                .query(Long.class).single();
    }

    void updateList(long id, String name, String description, Instant now) {
        jdbc.sql("update dnc_list set name = :name, description = :description, updated_at = :now, version = version + 1 where id = :id")
                .param("name", name).param("description", description).param("now", Timestamp.from(now)).param("id", id).update();
    }

    void deleteList(long id) {
        List<Entry> entries = entries(id, null, Long.MAX_VALUE, Integer.MAX_VALUE);
        jdbc.sql("delete from dnc_list where id = :id").param("id", id).update();
        refreshFlags(entries.stream().filter(e -> e.kind() == Kind.PHONE).map(Entry::value).toList(),
                entries.stream().filter(e -> e.kind() == Kind.EMAIL).map(Entry::value).toList());
    }

    /** @return how many of the values were new to the list */
    int add(long listId, Kind kind, Collection<String> values, String comment, String by, Instant now) {
        if (values.isEmpty()) {
            return 0;
        }
        int added = jdbc.sql("""
                        insert into dnc_entry (list_id, kind, value, comment, created_at, created_by)
                        select :list, :kind, v, :comment, :now, :by from unnest(cast(:values as varchar[])) as v
                        on conflict (list_id, kind, value) do nothing""")
                .param("list", listId).param("kind", kind.name()).param("comment", comment)
                .param("now", Timestamp.from(now)).param("by", by).param("values", values.toArray(String[]::new))
                .update();
        refresh(kind, values);
        return added;
    }

    boolean remove(long listId, long entryId) {
        Optional<Entry> entry = jdbc.sql("delete from dnc_entry where list_id = :list and id = :id returning id, kind, value, comment, created_at")
                .param("list", listId).param("id", entryId).query(DncStore::entry).optional();
        entry.ifPresent(removed -> refresh(removed.kind(), List.of(removed.value())));
        return entry.isPresent();
    }

    /** Entries by keyset (descending id), optionally only those containing {@code text}. */
    List<Entry> entries(long listId, String text, long before, int size) {
        return entries(listId, text, null, before, size);
    }

    /** Entries newest first before id {@code before}, whose value contains {@code text}, of one kind (null: both). */
    List<Entry> entries(long listId, String text, Kind kind, long before, int size) {
        StringBuilder sql = new StringBuilder("select id, kind, value, comment, created_at from dnc_entry where list_id = :list and id < :before");
        if (text != null && !text.isBlank()) {
            sql.append(" and value like :text");
        }
        if (kind != null) {
            sql.append(" and kind = :kind");
        }
        sql.append(" order by id desc limit :size");
        JdbcClient.StatementSpec statement = jdbc.sql(sql.toString()).param("list", listId).param("before", before).param("size", size);
        if (text != null && !text.isBlank()) {
            statement = statement.param("text", "%" + text.strip().toLowerCase().replace("%", "") + "%");
        }
        if (kind != null) {
            statement = statement.param("kind", kind.name());
        }
        return statement.query(DncStore::entry).list();
    }

    /** Of these values, those that are in some DNC list. */
    Set<String> listed(Kind kind, Collection<String> values) {
        if (values.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(jdbc.sql("select distinct value from dnc_entry where kind = :kind and value = any(cast(:values as varchar[]))")
                .param("kind", kind.name()).param("values", values.toArray(String[]::new)).query(String.class).list());
    }

    private void refresh(Kind kind, Collection<String> values) {
        if (kind == Kind.PHONE) {
            refreshFlags(values, List.of());
        } else {
            refreshFlags(List.of(), values);
        }
    }

    /**
     * Recomputes the flags of every phone with one of these numbers and of every contact that has one
     * of these numbers or e-mail addresses.
     */
    void refreshFlags(Collection<String> phones, Collection<String> emails) {
        if (!phones.isEmpty()) {
            jdbc.sql("""
                            update contact_phone p set status = case when exists
                                (select 1 from dnc_entry e where e.kind = 'PHONE' and e.value = p.number) then 'DNC' else 'ACTIVE' end
                            where p.number = any(cast(:numbers as varchar[])) and p.status <> 'DISABLED'""")
                    .param("numbers", phones.toArray(String[]::new)).update();
            jdbc.sql("""
                            update contact c set dnc = exists (select 1 from contact_phone p where p.contact_id = c.id and p.status = 'DNC')
                                or exists (select 1 from dnc_entry e, contact_field f
                                           where e.kind = 'EMAIL' and f.type = 'EMAIL' and c.attributes ->> f.code = e.value)
                            where c.id in (select contact_id from contact_phone where number = any(cast(:numbers as varchar[])))""")
                    .param("numbers", phones.toArray(String[]::new)).update();
        }
        if (!emails.isEmpty()) {
            List<String> emailFields = jdbc.sql("select code from contact_field where type = 'EMAIL'").query(String.class).list();
            for (String code : emailFields) {
                for (String email : emails) {
                    // containment on the search values' GIN index; addresses are stored lower case
                    jdbc.sql("""
                                    update contact c set dnc = exists (select 1 from contact_phone p where p.contact_id = c.id and p.status = 'DNC')
                                        or exists (select 1 from dnc_entry e, contact_field f
                                                   where e.kind = 'EMAIL' and f.type = 'EMAIL' and c.attributes ->> f.code = e.value)
                                    where c.search_values @> cast(:match as jsonb)""")
                            .param("match", containment(code, email))
                            .update();
                }
            }
        }
    }

    private String containment(String code, String value) {
        try {
            return json.writeValueAsString(java.util.Map.of(code, value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Entry entry(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Entry(rs.getLong(1), Kind.valueOf(rs.getString(2)), rs.getString(3), rs.getString(4),
                rs.getTimestamp(5).toInstant());
    }

    record DncList(long id, String name, String description, long entries) {
    }

    record Entry(long id, Kind kind, String value, String comment, Instant createdAt) {
    }
}
