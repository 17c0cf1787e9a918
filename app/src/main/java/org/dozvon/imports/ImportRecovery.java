package org.dozvon.imports;

import java.time.Clock;
import java.time.LocalDateTime;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.JobExecution;
import org.springframework.batch.core.JobParametersBuilder;
import org.springframework.batch.core.StepExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * At start-up, finishes what a stopped or killed Dozvon left: a run still marked running had its job
 * killed mid-way. Its job execution is marked failed (nobody runs it any more) and the job restarted,
 * which resumes after the last committed chunk; queued runs are started.
 */
@Component
class ImportRecovery {

    private static final Logger log = LoggerFactory.getLogger(ImportRecovery.class);

    private final ImportRunStore runs;
    private final ImportLauncher launcher;
    private final Clock clock;

    ImportRecovery(ImportRunStore runs, ImportLauncher launcher, Clock clock) {
        this.runs = runs;
        this.launcher = launcher;
        this.clock = clock;
    }

    @EventListener(ApplicationReadyEvent.class)
    void resumeUnfinishedImports() {
        JobRepository jobs = launcher.jobRepository();
        for (ImportRun run : runs.unfinished()) {
            JobExecution last = jobs.getLastJobExecution(ContactImportJob.JOB,
                    new JobParametersBuilder().addLong(ContactImportJob.RUN_ID, run.id()).toJobParameters());
            if (last != null && last.isRunning()) {
                abandon(jobs, last, LocalDateTime.now(clock));
            }
            log.warn("Import {} of '{}' was interrupted at row {}: resuming it", run.id(), run.fileName(), run.read());
            launcher.launch(run.id());
        }
    }

    /** The process that ran this execution is gone: record it as failed so that it can be restarted. */
    private static void abandon(JobRepository jobs, JobExecution execution, LocalDateTime now) {
        for (StepExecution step : execution.getStepExecutions()) {
            if (step.getStatus().isRunning()) {
                step.setStatus(BatchStatus.FAILED);
                step.setExitStatus(ExitStatus.FAILED.addExitDescription("interrupted: the process stopped"));
                step.setEndTime(now);
                jobs.update(step);
            }
        }
        execution.setStatus(BatchStatus.FAILED);
        execution.setExitStatus(ExitStatus.FAILED.addExitDescription("interrupted: the process stopped"));
        execution.setEndTime(now);
        jobs.update(execution);
    }
}
