package org.dozvon.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.awaitility.Awaitility;
import org.dozvon.ApplicationTestBase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * New contacts go in with {@code COPY} once the list's client ids have been looked up; a client id
 * another transaction adds in between makes the copy fail, and the same contacts then go through
 * {@code insert ... on conflict}: refused, or updating, exactly as without the copy.
 */
class ContactCopyTests extends ApplicationTestBase {

    @Autowired
    ContactCatalogue catalogue;
    @Autowired
    ContactLists contactLists;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    DataSource dataSource;

    private String s;
    private long listId;

    @BeforeEach
    void aList() {
        s = "c" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        long client = field("client", FieldType.TEXT, true);
        long name = field("name", FieldType.TEXT, false);
        long phone = field("phone", FieldType.PHONE, false);
        ContactCatalogue.Result list = catalogue.saveList(null, "Copy " + s, null, List.of(client, name, phone), Set.of());
        assertThat(list.violations()).isEmpty();
        listId = list.id();
    }

    @Test
    void valuesWithTabsLineEndsAndBackslashesArriveAsWritten() {
        String name = "Tab\there, line\nend, back\\slash, quote \" and \r return";

        ContactLists.WriteReport report = write(false, contact("k1", name, "+79120000101"));

        assertThat(report.inserted()).isEqualTo(1);
        assertThat(jdbc.sql("select attributes ->> :field from contact where list_id = :list").param("field", f("name"))
                .param("list", listId).query(String.class).single()).isEqualTo(name);
        assertThat(jdbc.sql("select client_id from contact where list_id = :list").param("list", listId).query(String.class).single())
                .isEqualTo("k1");
        assertThat(jdbc.sql("select count(*) from contact_phone p join contact c on c.id = p.contact_id where c.list_id = :list")
                .param("list", listId).query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("select contact_count from contact_list where id = :list").param("list", listId).query(Long.class).single())
                .isEqualTo(1);
    }

    @Test
    void aClientIdAddedByAnotherTransactionMeanwhileIsRefusedAndTheOthersAreWrittenOnce() throws Exception {
        ContactLists.WriteReport report = raceWith(false);

        assertThat(report.inserted()).isEqualTo(1);
        assertThat(report.describe(0)).singleElement().asString().contains("already in the list");
        assertThat(report.describe(1)).isEmpty();
        assertThat(clientIds()).containsExactlyInAnyOrder("k2", "k3");
        assertThat(names()).containsExactlyInAnyOrder("theirs", "Пётр");
        assertThat(jdbc.sql("select contact_count from contact_list where id = :list").param("list", listId).query(Long.class).single())
                .isEqualTo(2);
    }

    @Test
    void aClientIdAddedByAnotherTransactionMeanwhileIsUpdatedWhenTheImportUpdates() throws Exception {
        ContactLists.WriteReport report = raceWith(true);

        assertThat(report.inserted()).isEqualTo(1);
        assertThat(report.updated()).isEqualTo(1);
        assertThat(clientIds()).containsExactlyInAnyOrder("k2", "k3");
        assertThat(names()).containsExactlyInAnyOrder("Иван", "Пётр");
        assertThat(jdbc.sql("""
                        select count(*) from contact_phone p join contact c on c.id = p.contact_id
                        where c.list_id = :list and c.client_id = 'k2'""")
                .param("list", listId).query(Long.class).single()).isEqualTo(1);
    }

    /**
     * Another connection inserts client id k2 and holds its transaction open; the write of k2 and k3
     * looks the list up (k2 is not there yet), then waits in its copy on the unique index until the
     * other transaction commits.
     */
    private ContactLists.WriteReport raceWith(boolean updateExisting) throws Exception {
        try (Connection other = dataSource.getConnection()) {
            other.setAutoCommit(false);
            try (PreparedStatement insert = other.prepareStatement("""
                    insert into contact (list_id, client_id, attributes, created_at, updated_at)
                    values (?, 'k2', cast(? as jsonb), now(), now())""")) {
                insert.setLong(1, listId);
                insert.setString(2, "{\"" + f("name") + "\": \"theirs\"}");
                insert.executeUpdate();
            }
            CompletableFuture<ContactLists.WriteReport> write = CompletableFuture.supplyAsync(() ->
                    write(updateExisting, contact("k2", "Иван", "+79120000102"), contact("k3", "Пётр", "+79120000103")));
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql("""
                    select count(*) from pg_stat_activity where wait_event_type = 'Lock' and query like 'copy contact %'""")
                    .query(Long.class).single() > 0);
            other.commit();
            return write.get(30, TimeUnit.SECONDS);
        }
    }

    @SafeVarargs
    private ContactLists.WriteReport write(boolean updateExisting, Map<String, String>... contacts) {
        return contactLists.write(contactLists.schema(listId).orElseThrow(), List.of(contacts), updateExisting);
    }

    private List<String> clientIds() {
        return jdbc.sql("select client_id from contact where list_id = :list").param("list", listId).query(String.class).list();
    }

    private List<String> names() {
        return jdbc.sql("select attributes ->> :field from contact where list_id = :list").param("field", f("name"))
                .param("list", listId).query(String.class).list();
    }

    private Map<String, String> contact(String client, String name, String phone) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put(f("client"), client);
        values.put(f("name"), name);
        values.put(f("phone"), phone);
        return values;
    }

    private String f(String code) {
        return code + "_" + s;
    }

    private long field(String code, FieldType type, boolean clientId) {
        ContactCatalogue.Result result = catalogue.saveField(null, f(code), code, type, null, clientId);
        assertThat(result.violations()).isEmpty();
        return result.id();
    }
}
