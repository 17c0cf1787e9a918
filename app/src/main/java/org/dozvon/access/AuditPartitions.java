package org.dozvon.access;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps the monthly partitions of {@code audit_event} (calendar months in UTC, named {@code audit_event_yYYYYmMM}):
 * makes the current month's and the next {@code months-ahead} ones, and drops those wholly older than the
 * retention. Runs at start-up and every night; each step is idempotent ({@code create table if not exists}), so
 * several instances doing it at once do no harm. Rows that went to the default partition for want of a month's
 * partition move into it when it is made.
 */
@Component
class AuditPartitions {

    private static final Logger log = LoggerFactory.getLogger(AuditPartitions.class);
    private static final Pattern NAME = Pattern.compile("audit_event_y(\\d{4})m(\\d{2})");

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final AuditProperties properties;
    private final Clock clock;

    AuditPartitions(JdbcClient jdbc, TransactionTemplate transactions, AuditProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.properties = properties;
        this.clock = clock;
    }

    @EventListener(ApplicationReadyEvent.class)
    void atStart() {
        maintain();
    }

    @Scheduled(cron = "0 7 1 * * *")
    void maintain() {
        try {
            maintain(clock.instant());
        } catch (RuntimeException e) {
            log.warn("audit journal partitions could not be kept up; the default partition takes new rows", e);
        }
    }

    /** Makes the partitions from the month of {@code now} on and drops those past the retention. */
    void maintain(Instant now) {
        YearMonth current = YearMonth.from(now.atZone(ZoneOffset.UTC));
        for (int i = 0; i <= properties.monthsAhead(); i++) {
            ensure(current.plusMonths(i));
        }
        if (properties.retentionMonths() > 0) {
            YearMonth oldestKept = current.minusMonths(properties.retentionMonths());
            for (YearMonth month : months()) {
                if (month.isBefore(oldestKept)) {
                    jdbc.sql("drop table if exists " + name(month)).update();
                    log.info("audit journal: dropped the partition of {} (retention {} months)", month,
                            properties.retentionMonths());
                }
            }
        }
    }

    /** The partition of {@code month}, made if missing (rows of that month in the default partition move in). */
    void ensure(YearMonth month) {
        String name = name(month);
        String from = start(month).toString();
        String to = start(month.plusMonths(1)).toString();
        transactions.executeWithoutResult(status -> {
            Boolean exists = jdbc.sql("select to_regclass(:name) is not null").param("name", name)
                    .query(Boolean.class).single();
            if (exists) {
                return;
            }
            boolean stray = jdbc.sql("select exists (select 1 from audit_event_default where at >= cast(:from as timestamptz) and at < cast(:to as timestamptz))")
                    .param("from", from).param("to", to).query(Boolean.class).single();
            String bounds = "for values from ('" + from + "') to ('" + to + "')";
            if (!stray) {
                jdbc.sql("create table if not exists " + name + " partition of audit_event " + bounds).update();
                return;
            }
            jdbc.sql("create table " + name + " (like audit_event including defaults)").update();
            jdbc.sql("with moved as (delete from audit_event_default where at >= cast(:from as timestamptz) and at < cast(:to as timestamptz) returning *) "
                            + "insert into " + name + " select * from moved")
                    .param("from", from).param("to", to).update();
            jdbc.sql("alter table audit_event attach partition " + name + " " + bounds).update();
        });
    }

    /** The months that have a partition, oldest first. */
    List<YearMonth> months() {
        List<YearMonth> months = new ArrayList<>();
        for (String table : jdbc.sql("""
                        select c.relname from pg_inherits i join pg_class c on c.oid = i.inhrelid
                         where i.inhparent = 'audit_event'::regclass order by c.relname
                        """).query(String.class).list()) {
            Matcher matcher = NAME.matcher(table);
            if (matcher.matches()) {
                months.add(YearMonth.of(Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2))));
            }
        }
        return months;
    }

    static String name(YearMonth month) {
        return "audit_event_y%04dm%02d".formatted(month.getYear(), month.getMonthValue());
    }

    private static Instant start(YearMonth month) {
        return LocalDate.of(month.getYear(), month.getMonth(), 1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}
