package org.dozvon.contacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.util.UUID;

import org.dozvon.ApplicationTestBase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A phone belongs to a contact and a contact to a list, checked once per statement by triggers
 * (V060) rather than row by row by foreign keys: the same refusals (SQLSTATE 23503), the same
 * cascades, the same list counts.
 */
class ContactReferencesTests extends ApplicationTestBase {

    private static final String FOREIGN_KEY_VIOLATION = "23503";

    @Autowired
    JdbcClient jdbc;

    private long listId;

    @BeforeEach
    void aList() {
        listId = list("References " + UUID.randomUUID());
    }

    @Test
    void aPhoneOfNoContactIsRefusedEvenAmongGoodOnes() {
        long contact = contact(listId, "a");

        assertThatThrownBy(() -> jdbc.sql("""
                        insert into contact_phone (contact_id, field_code, number, priority)
                        values (:good, 'phone', '+79120000001', 1), (:missing, 'phone', '+79120000002', 1)""")
                .param("good", contact).param("missing", contact + 1_000_000).update())
                .isInstanceOf(DataIntegrityViolationException.class)
                .satisfies(e -> assertThat(sqlState(e)).isEqualTo(FOREIGN_KEY_VIOLATION));
        assertThat(phones(contact)).isZero();
    }

    @Test
    void aContactOfNoListIsRefusedAndCountsNowhere() {
        long missingList = listId + 1_000_000;

        assertThatThrownBy(() -> jdbc.sql("""
                        insert into contact (list_id, attributes, created_at, updated_at)
                        values (:list, '{}', now(), now()), (:missing, '{}', now(), now())""")
                .param("list", listId).param("missing", missingList).update())
                .isInstanceOf(DataIntegrityViolationException.class)
                .satisfies(e -> assertThat(sqlState(e)).isEqualTo(FOREIGN_KEY_VIOLATION));
        assertThat(count(listId)).isZero();
    }

    @Test
    void movingAContactToNoListOrAPhoneToNoContactIsRefused() {
        long contact = contact(listId, "b");
        phone(contact, "+79120000003");

        assertThatThrownBy(() -> jdbc.sql("update contact set list_id = :missing where id = :id")
                .param("missing", listId + 1_000_000).param("id", contact).update())
                .satisfies(e -> assertThat(sqlState(e)).isEqualTo(FOREIGN_KEY_VIOLATION));
        assertThatThrownBy(() -> jdbc.sql("update contact_phone set contact_id = :missing where contact_id = :id")
                .param("missing", contact + 1_000_000).param("id", contact).update())
                .satisfies(e -> assertThat(sqlState(e)).isEqualTo(FOREIGN_KEY_VIOLATION));

        long other = list("References other " + UUID.randomUUID());
        jdbc.sql("update contact set list_id = :other where id = :id").param("other", other).param("id", contact).update();
        assertThat(jdbc.sql("select list_id from contact where id = :id").param("id", contact).query(Long.class).single())
                .isEqualTo(other);
    }

    @Test
    void deletingContactsDeletesTheirPhonesAndLowersTheCount() {
        long kept = contact(listId, "c");
        long deleted = contact(listId, "d");
        phone(kept, "+79120000004");
        phone(deleted, "+79120000005");
        phone(deleted, "+79120000006");
        assertThat(count(listId)).isEqualTo(2);

        jdbc.sql("delete from contact where id = :id").param("id", deleted).update();

        assertThat(phones(deleted)).isZero();
        assertThat(phones(kept)).isEqualTo(1);
        assertThat(count(listId)).isEqualTo(1);
    }

    @Test
    void deletingAListDeletesItsContactsAndTheirPhones() {
        long other = list("References kept " + UUID.randomUUID());
        long gone = contact(listId, "e");
        long kept = contact(other, "e");
        phone(gone, "+79120000007");
        phone(kept, "+79120000008");

        jdbc.sql("delete from contact_list where id = :id").param("id", listId).update();

        assertThat(jdbc.sql("select count(*) from contact where list_id = :id").param("id", listId).query(Long.class).single())
                .isZero();
        assertThat(phones(gone)).isZero();
        assertThat(phones(kept)).isEqualTo(1);
        assertThat(count(other)).isEqualTo(1);
    }

    private long list(String name) {
        return jdbc.sql("insert into contact_list (name, created_at, updated_at) values (:name, now(), now()) returning id")
                .param("name", name).query(Long.class).single();
    }

    private long contact(long list, String clientId) {
        return jdbc.sql("""
                        insert into contact (list_id, client_id, attributes, created_at, updated_at)
                        values (:list, :client, '{}', now(), now()) returning id""")
                .param("list", list).param("client", clientId).query(Long.class).single();
    }

    private void phone(long contact, String number) {
        jdbc.sql("insert into contact_phone (contact_id, field_code, number, priority) values (:contact, 'phone', :number, 1)")
                .param("contact", contact).param("number", number).update();
    }

    private long phones(long contact) {
        return jdbc.sql("select count(*) from contact_phone where contact_id = :id").param("id", contact).query(Long.class).single();
    }

    private long count(long list) {
        return jdbc.sql("select contact_count from contact_list where id = :id").param("id", list).query(Long.class).single();
    }

    private static String sqlState(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql) {
                return sql.getSQLState();
            }
        }
        return null;
    }
}
