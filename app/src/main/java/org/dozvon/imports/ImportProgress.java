package org.dozvon.imports;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.dozvon.access.Permission;
import org.dozvon.web.LiveUpdates;

import java.time.Instant;

import org.springframework.batch.core.ChunkListener;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Pushes a run's progress bar to open pages (SSE event {@code import-<id>}) after its chunks, at most
 * about once a second per run, and at every change of state.
 */
@Component
class ImportProgress implements ChunkListener {

    private static final long INTERVAL_NANOS = 1_000_000_000L;

    private final ImportRunStore runs;
    private final LiveUpdates live;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;
    private final Map<Long, Long> lastSent = new ConcurrentHashMap<>();

    ImportProgress(ImportRunStore runs, LiveUpdates live, ApplicationEventPublisher events,
                   TransactionTemplate transactions) {
        this.runs = runs;
        this.live = live;
        this.events = events;
        this.transactions = transactions;
    }

    @Override
    public void afterChunk(ChunkContext context) {
        long runId = (Long) context.getStepContext().getJobParameters().get(ContactImportJob.RUN_ID);
        long now = System.nanoTime();
        Long last = lastSent.get(runId);
        if (last == null || now - last >= INTERVAL_NANOS) {
            lastSent.put(runId, now);
            publish(runId);
        }
    }

    /**
     * Ends a run in the journal, COMPLETED or FAILED, and in the same transaction publishes {@link ImportFinished}
     * (and for a failure {@link ImportFailed}, which tells whoever raises alerts); then its page shows it.
     */
    void finished(long runId, ImportRun.Status status, String message, Instant now) {
        transactions.executeWithoutResult(transaction -> {
            runs.finished(runId, status, message, now);
            runs.find(runId).ifPresent(run -> {
                String file = run.fileName() == null ? "" : run.fileName();
                events.publishEvent(new ImportFinished(run.id(), run.listId(), run.listName(), file, run.source().name(),
                        status == ImportRun.Status.COMPLETED ? ImportFinished.Status.COMPLETED : ImportFinished.Status.FAILED,
                        run.read(), run.inserted(), run.updated(), run.rejected(), run.message(), run.finishedAt()));
                if (status == ImportRun.Status.FAILED) {
                    events.publishEvent(new ImportFailed(run.id(), run.listName(), file,
                            run.message() == null ? "" : run.message(), run.finishedAt()));
                }
            });
        });
        publish(runId);
    }

    void publish(long runId) {
        runs.find(runId).ifPresent(run -> {
            // a finished run also reloads the page's main part, so its status and rejected rows show without a reload
            String reload = run.finished() ? """
                    <div hidden hx-get="/imports/%d" hx-trigger="load" hx-select="main" hx-target="main" hx-swap="outerHTML"></div>"""
                    .formatted(runId) : "";
            live.publish("import-" + runId, bar(run) + reload, Permission.CONTACTS_VIEW);
            if (run.finished()) {
                lastSent.remove(runId);
            }
        });
    }

    /** The same markup as the page's progress fragment; numbers only, so it needs no language. */
    static String bar(ImportRun run) {
        Integer percent = run.percent();
        String width = percent == null ? "100" : String.valueOf(percent);
        String style = switch (run.status()) {
            case COMPLETED -> "bg-success";
            case FAILED -> "bg-danger";
            default -> percent == null ? "progress-bar-striped progress-bar-animated" : "progress-bar-striped";
        };
        return """
                <div class="progress" role="progressbar" aria-valuemin="0" aria-valuemax="100" aria-valuenow="%s" style="height: 1.25rem">
                  <div class="progress-bar %s" style="width: %s%%">%s</div>
                </div>
                <div class="small text-body-secondary mt-1 dz-import-counts" data-status="%s">%s / %s · +%s · ~%s · ✕%s</div>"""
                .formatted(width, style, width, percent == null ? "" : percent + "%", run.status(), count(run.read()),
                        run.estimatedRows() == null ? "?" : count(run.estimatedRows()),
                        count(run.inserted()), count(run.updated()), count(run.rejected()));
    }

    /** Digits grouped by thin spaces: read the same way in Russian and in English. */
    private static String count(long value) {
        return String.format(java.util.Locale.ROOT, "%,d", value).replace(',', '\u202F');
    }
}
