package org.dozvon.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.dozvon.ApplicationTestBase;
import org.dozvon.PortalClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The audit journal (issue 9 point 6): monthly partitions and their retention, logins and logouts recorded, the
 * auditor's page with filters, pages and old/new values, CSV and XLSX exports (themselves recorded), the REST list.
 */
class AuditJournalTests extends ApplicationTestBase {

    private static final String PASSWORD = "Audit-Password-1";
    private static final String SUPERVISOR = "audit-supervisor";
    private static final String AUDITOR = "audit-auditor";

    @Autowired
    ApplicationContext context;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    AuditPartitions partitions;

    @BeforeEach
    void users() {
        TestUsers users = new TestUsers(context);
        users.ensure(SUPERVISOR, PASSWORD, false, "SUPERVISOR");
        users.ensure(AUDITOR, PASSWORD, false, "AUDITOR");
    }

    @Test
    void partitionsExistForThisMonthAndTheNextThreeAndADefaultOne() {
        YearMonth now = YearMonth.now(ZoneOffset.UTC);
        List<String> tables = partitionTables();

        assertThat(tables).contains("audit_event_default", AuditPartitions.name(now), AuditPartitions.name(now.plusMonths(1)),
                AuditPartitions.name(now.plusMonths(2)), AuditPartitions.name(now.plusMonths(3)));
        assertThat(jdbc.sql("select relkind::text from pg_class where relname = 'audit_event'").query(String.class).single())
                .as("partitioned table").isEqualTo("p");
    }

    @Test
    void anEventOfAPastMonthLandsInItsPartitionAndOneOfAMonthWithoutPartitionInTheDefaultUntilItsPartitionIsMade() {
        YearMonth past = YearMonth.now(ZoneOffset.UTC).minusMonths(5);
        partitions.ensure(past);
        long inPast = insert(past.atDay(10).atStartOfDay().toInstant(ZoneOffset.UTC));
        YearMonth unmade = YearMonth.now(ZoneOffset.UTC).minusMonths(14);
        long stray = insert(unmade.atDay(3).atStartOfDay().toInstant(ZoneOffset.UTC));

        assertThat(partitionOf(inPast)).isEqualTo(AuditPartitions.name(past));
        assertThat(partitionOf(stray)).isEqualTo("audit_event_default");

        partitions.ensure(unmade);

        assertThat(partitionOf(stray)).as("moved out of the default partition").isEqualTo(AuditPartitions.name(unmade));
    }

    @Test
    void retentionDropsPartitionsOlderThanTwentyFourMonthsAndKeepsTheRest() {
        YearMonth now = YearMonth.now(ZoneOffset.UTC);
        partitions.ensure(now.minusMonths(30));
        partitions.ensure(now.minusMonths(24));
        insert(now.minusMonths(30).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC));

        partitions.maintain(Instant.now());

        assertThat(partitionTables()).doesNotContain(AuditPartitions.name(now.minusMonths(30)))
                .contains(AuditPartitions.name(now.minusMonths(24)), AuditPartitions.name(now));
    }

    @Test
    void loginFailedLoginAndLogoutAreRecordedWithoutThePassword() {
        PortalClient failed = portal();
        failed.login(SUPERVISOR, "Wrong-Password-9");
        PortalClient portal = portal();
        assertThat(portal.login(SUPERVISOR, PASSWORD).headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).doesNotContain("error"));
        assertThat(portal.submit("/campaigns", "/logout", Map.of()).statusCode()).isEqualTo(302);
        portal().api("/api/v1/campaigns", SUPERVISOR, "Wrong-Api-Password-9");

        List<String> recorded = jdbc.sql("""
                        select action || ' ' || roles || ' ' || coalesce(after_value ->> 'channel', '') || ' '
                               || coalesce(after_value ->> 'reason', '') from audit_event
                         where object_type = 'user' and object_id = :user order by id""")
                .param("user", SUPERVISOR).query(String.class).list();
        assertThat(recorded).containsSubsequence(
                "login.failed  portal BadCredentialsException",
                "login SUPERVISOR portal ",
                "logout SUPERVISOR portal ",
                "login.failed  api BadCredentialsException");
        assertThat(jdbc.sql("select count(*) from audit_event where after_value::text like '%Wrong-%'")
                .query(Long.class).single()).isZero();
    }

    @Test
    void theAuditorFindsASupervisorsChangeWithOldAndNewValuesOnThePageAndInBothExports() throws IOException {
        long campaign = campaign();
        PortalClient supervisor = portal();
        supervisor.login(SUPERVISOR, PASSWORD);
        setWeight(supervisor, campaign, 3);
        setWeight(supervisor, campaign, 8);
        PortalClient auditor = portal();
        auditor.login(AUDITOR, PASSWORD);

        String page = auditor.get("/audit?objectType=campaign&objectId=" + campaign + "&action=campaign.weight").body();

        assertThat(page).contains("<code>campaign.weight</code>", SUPERVISOR);
        assertThat(diffRows(page)).containsSubsequence("weight|3|8|changed");
        assertThat(auditor.get("/audit?user=nobody-at-all&objectId=" + campaign).body()).doesNotContain("<code>campaign.weight</code>");
        assertThat(auditor.get("/audit?user=" + SUPERVISOR + "&text=8&objectId=" + campaign).body()).contains("<code>campaign.weight</code>");

        HttpResponse<String> csv = auditor.get("/audit/export?format=csv&objectType=campaign&objectId=" + campaign);
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/csv"));
        assertThat(csv.body()).contains("campaign.weight", SUPERVISOR, "weight: 3 → 8", "{\"\"weight\"\": 3}", "{\"\"weight\"\": 8}");

        HttpResponse<byte[]> xlsx = auditor.getBytes("/audit/export?format=xlsx&objectType=campaign&objectId=" + campaign);
        assertThat(xlsx.statusCode()).isEqualTo(200);
        List<String> rows = new ArrayList<>();
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(xlsx.body()))) {
            Sheet sheet = book.getSheetAt(0);
            for (Row row : sheet) {
                List<String> cells = new ArrayList<>();
                row.forEach(cell -> cells.add(cell.getStringCellValue()));
                rows.add(String.join("|", cells));
            }
        }
        assertThat(rows.get(0)).startsWith("id|at|user|roles|action|object_type|object_id|changes|before|after");
        assertThat(rows).anySatisfy(row -> assertThat(row)
                .contains(SUPERVISOR + "|SUPERVISOR|campaign.weight|campaign|" + campaign + "|weight: 3 → 8|{\"weight\": 3}|{\"weight\": 8}"));

        assertThat(jdbc.sql("""
                        select after_value ->> 'format' from audit_event
                         where username = :auditor and action = 'export' and object_type = 'audit-journal'
                           and after_value -> 'filter' ->> 'objectId' = :campaign order by id""")
                .param("auditor", AUDITOR).param("campaign", String.valueOf(campaign)).query(String.class).list())
                .containsExactly("csv", "xlsx");
    }

    @Test
    void thePageShowsFiftyNewestFirstAndAnOlderLinkToTheRest() {
        String type = "paging-" + UUID.randomUUID().toString().substring(0, 8);
        Instant start = Instant.parse("2026-01-05T10:00:00Z");
        for (int i = 0; i < 60; i++) {
            insert(start.plusSeconds(i), type, String.valueOf(i));
        }
        PortalClient auditor = portal();
        auditor.login(AUDITOR, PASSWORD);

        String first = auditor.get("/audit?objectType=" + type).body();
        List<String> firstIds = objectIds(first, type);
        assertThat(firstIds).hasSize(50).startsWith("#59", "#58").endsWith("#10");
        Matcher older = Pattern.compile("id=\"older\" href=\"([^\"]+)\"").matcher(first);
        assertThat(older.find()).isTrue();

        String second = auditor.get(older.group(1).replace("&amp;", "&")).body();
        assertThat(objectIds(second, type)).hasSize(10).startsWith("#9").endsWith("#0");
        assertThat(second).doesNotContain("id=\"older\"");
    }

    @Test
    void theRestListPagesWithTheFiltersAndIsoTimesForTheAuditorOnly() {
        String type = "rest-" + UUID.randomUUID().toString().substring(0, 8);
        Instant start = Instant.parse("2026-02-07T08:00:00.123456Z");
        for (int i = 0; i < 7; i++) {
            insert(start.plusSeconds(i), type, String.valueOf(i));
        }

        HttpResponse<String> first = portal().api("/api/v1/audit-events?objectType=" + type + "&limit=5", AUDITOR, PASSWORD);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(first.body()).contains("\"at\":\"2026-02-07T08:00:06.123456Z\"", "\"objectId\":\"6\"",
                "\"before\":{\"n\": 6}", "\"roles\":[\"TEST\"]");
        String cursor = first.body().replaceAll("(?s).*\"nextCursor\":\"([^\"]+)\".*", "$1");
        HttpResponse<String> second = portal().api("/api/v1/audit-events?objectType=" + type + "&limit=5&cursor=" + cursor,
                AUDITOR, PASSWORD);
        assertThat(second.body()).contains("\"objectId\":\"1\"", "\"objectId\":\"0\"", "\"nextCursor\":null")
                .doesNotContain("\"objectId\":\"2\"");
        HttpResponse<String> period = portal().api("/api/v1/audit-events?objectType=" + type
                + "&from=2026-02-07T08:00:02Z&to=2026-02-07T08:00:04Z", AUDITOR, PASSWORD);
        assertThat(period.body()).contains("\"objectId\":\"2\"", "\"objectId\":\"3\"").doesNotContain("\"objectId\":\"4\"",
                "\"objectId\":\"1\"");

        assertThat(portal().api("/api/v1/audit-events", SUPERVISOR, PASSWORD).statusCode()).isEqualTo(403);
    }

    private long campaign() {
        HttpResponse<String> created = portal().apiSend("POST", "/api/v1/campaigns",
                "{\"name\": \"Audited " + UUID.randomUUID() + "\"}", "admin", ADMIN_PASSWORD);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return Long.parseLong(created.body().replaceAll("(?s).*?\"id\":(\\d+).*", "$1"));
    }

    private static void setWeight(PortalClient supervisor, long campaign, int weight) {
        HttpResponse<String> saved = supervisor.submit("/monitoring/campaigns",
                "/monitoring/campaigns/" + campaign + "/weight", Map.of("weight", String.valueOf(weight)));
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(302);
    }

    /** The diff tables' rows as field|before|after|changed-or-empty. */
    private static List<String> diffRows(String page) {
        List<String> rows = new ArrayList<>();
        Matcher row = Pattern.compile("<tr( class=\"table-warning changed\")?>\\s*<th scope=\"row\" class=\"fw-normal\">([^<]*)</th>"
                + "\\s*<td class=\"text-break\">([^<]*)</td>\\s*<td class=\"text-break\">([^<]*)</td>").matcher(page);
        while (row.find()) {
            rows.add(row.group(2) + "|" + row.group(3) + "|" + row.group(4) + "|" + (row.group(1) == null ? "" : "changed"));
        }
        return rows;
    }

    private static List<String> objectIds(String page, String type) {
        List<String> ids = new ArrayList<>();
        Matcher id = Pattern.compile("<span>" + type + "</span>\\s*<span>(#\\d+)</span>").matcher(page);
        while (id.find()) {
            ids.add(id.group(1));
        }
        return ids;
    }

    private List<String> partitionTables() {
        return jdbc.sql("""
                select c.relname from pg_inherits i join pg_class c on c.oid = i.inhrelid
                 where i.inhparent = 'audit_event'::regclass order by c.relname""").query(String.class).list();
    }

    private String partitionOf(long id) {
        return jdbc.sql("select tableoid::regclass::text from audit_event where id = :id").param("id", id)
                .query(String.class).single();
    }

    private long insert(Instant at) {
        return insert(at, "audit-test", "1");
    }

    private long insert(Instant at, String type, String objectId) {
        return jdbc.sql("""
                        insert into audit_event (at, username, roles, action, object_type, object_id, before_value, after_value)
                        values (:at, 'tester', 'TEST', 'test.record', :type, :objectId, cast(:before as jsonb), null)
                        returning id""")
                .param("at", Timestamp.from(at)).param("type", type).param("objectId", objectId)
                .param("before", "{\"n\": " + objectId + "}")
                .query(Long.class).single();
    }

}
