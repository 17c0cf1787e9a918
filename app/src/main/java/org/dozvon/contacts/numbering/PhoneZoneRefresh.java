package org.dozvon.contacts.numbering;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.annotation.PreDestroy;

import org.dozvon.contacts.PhoneTimeZones;
import org.dozvon.contacts.ZoneResolution;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Keeps the stored zones of phones true to the directory: after the numbering ranges or the prefix table
 * change, every phone whose zone came from them (or from nothing) is resolved again and updated where the
 * answer changed, in batches on a thread of its own. Zones taken from a contact's own time-zone field
 * stay. A change that comes while a refresh runs starts another one after it, so the last change always
 * counts; a refresh interrupted by a stop is simply done again at the next change.
 */
@Component
class PhoneZoneRefresh {

    static final int BATCH = 5_000;
    private static final Logger log = LoggerFactory.getLogger(PhoneZoneRefresh.class);

    private final JdbcClient jdbc;
    private final PhoneTimeZones zones;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "phone-zones");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicBoolean pending = new AtomicBoolean();

    PhoneZoneRefresh(JdbcClient jdbc, PhoneTimeZones zones) {
        this.jdbc = jdbc;
        this.zones = zones;
    }

    @EventListener
    void on(TimeZonesChanged event) {
        if (pending.compareAndSet(false, true)) {
            worker.execute(() -> {
                pending.set(false);
                try {
                    refresh();
                } catch (RuntimeException e) {
                    log.error("Time zones of stored phones could not be refreshed; the next directory change tries again", e);
                }
            });
        }
    }

    /** Resolves every phone not zoned by its contact's field again; answers how many changed. */
    long refresh() {
        long started = System.nanoTime();
        long after = 0;
        long seen = 0;
        long changed = 0;
        while (true) {
            List<StoredZone> batch = jdbc.sql("""
                            select id, number, time_zone, time_zone_source from contact_phone
                            where id > :after and time_zone_source is distinct from 'CONTACT_FIELD'
                            order by id limit :batch""")
                    .param("after", after).param("batch", BATCH)
                    .query((row, n) -> new StoredZone(row.getLong(1), row.getString(2), row.getString(3), row.getString(4)))
                    .list();
            if (batch.isEmpty()) {
                break;
            }
            List<Long> ids = new ArrayList<>();
            List<String> newZones = new ArrayList<>();
            List<String> newSources = new ArrayList<>();
            for (StoredZone phone : batch) {
                ZoneResolution resolved = zones.resolve(phone.number(), null, null);
                String zone = resolved.zone() == null ? null : resolved.zone().getId();
                // as an import writes it: no zone, no source
                String source = resolved.zone() == null ? null : resolved.source().name();
                if (!Objects.equals(zone, phone.zone()) || !Objects.equals(source, phone.source())) {
                    ids.add(phone.id());
                    newZones.add(zone);
                    newSources.add(source);
                }
            }
            if (!ids.isEmpty()) {
                changed += jdbc.sql("""
                                update contact_phone p set time_zone = u.zone, time_zone_source = u.source
                                from unnest(:ids::bigint[], :zones::varchar[], :sources::varchar[]) as u(id, zone, source)
                                where p.id = u.id and p.time_zone_source is distinct from 'CONTACT_FIELD'""")
                        .param("ids", ids.toArray(Long[]::new)).param("zones", newZones.toArray(String[]::new))
                        .param("sources", newSources.toArray(String[]::new)).update();
            }
            seen += batch.size();
            after = batch.get(batch.size() - 1).id();
        }
        log.info("Time zones of stored phones refreshed: {} of {} changed in {} ms", changed, seen,
                (System.nanoTime() - started) / 1_000_000);
        return changed;
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
    }

    private record StoredZone(long id, String number, String zone, String source) {
    }

    /** The directory or the prefix table changed (and committed). */
    record TimeZonesChanged() {
    }
}
