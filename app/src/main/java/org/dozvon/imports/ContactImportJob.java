package org.dozvon.imports;

import java.nio.file.Path;
import java.time.Clock;

import org.dozvon.contacts.ContactLists;
import org.dozvon.contacts.ContactValues;
import org.dozvon.contacts.ListSchema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.Job;
import org.springframework.batch.core.JobExecution;
import org.springframework.batch.core.JobExecutionListener;
import org.springframework.batch.core.Step;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.repeat.RepeatStatus;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The contact import as a Spring Batch job: an optional "clear the list" step, then the rows in chunks.
 * Spring Batch's job repository shares the application's database and transaction manager, so each
 * chunk's contacts, journal rows, counters and read position commit together: a process killed
 * halfway resumes after the last committed chunk, with no row lost and none written twice.
 */
@Configuration(proxyBeanMethods = false)
class ContactImportJob {

    static final String JOB = "contactImport";
    static final String RUN_ID = "importId";

    private static final Logger log = LoggerFactory.getLogger(ContactImportJob.class);

    @Bean
    Job contactImport(JobRepository jobRepository, Step clearListStep, Step importRowsStep, ImportRunStore runs,
                      ImportProgress progress, Clock clock) {
        return new JobBuilder(JOB, jobRepository)
                .listener(new JobExecutionListener() {
                    @Override
                    public void beforeJob(JobExecution execution) {
                        long runId = execution.getJobParameters().getLong(RUN_ID);
                        runs.running(runId, clock.instant());
                        progress.publish(runId);
                    }

                    @Override
                    public void afterJob(JobExecution execution) {
                        long runId = execution.getJobParameters().getLong(RUN_ID);
                        if (execution.getStatus() == BatchStatus.STOPPED) {
                            // stopped for a shutdown: back to the queue, resumed after the next start
                            runs.requeue(runId, "Interrupted by a shutdown after " + runs.find(runId).map(ImportRun::read).orElse(0L)
                                    + " rows; it resumes when Dozvon starts again");
                            progress.publish(runId);
                            log.info("Import {} stopped for a shutdown; it resumes at the next start", runId);
                            return;
                        }
                        boolean completed = execution.getExitStatus().getExitCode().equals(ExitStatus.COMPLETED.getExitCode());
                        String message = completed ? null : failureOf(execution);
                        progress.finished(runId, completed ? ImportRun.Status.COMPLETED : ImportRun.Status.FAILED, message,
                                clock.instant());
                        log.info("Import {} {}", runId, completed ? "completed" : "failed: " + message);
                    }
                })
                .start(clearListStep)
                .next(importRowsStep)
                .build();
    }

    @Bean
    Step clearListStep(JobRepository jobRepository, PlatformTransactionManager transactionManager, ImportRunStore runs,
                       JdbcClient jdbc) {
        return new StepBuilder("clearList", jobRepository)
                .tasklet((contribution, context) -> {
                    long runId = (Long) context.getStepContext().getJobParameters().get(RUN_ID);
                    ImportRun run = runs.find(runId).orElseThrow();
                    if (run.clearFirst()) {
                        long deleted = jdbc.sql("delete from contact where list_id = :list").param("list", run.listId()).update();
                        log.info("Import {} cleared list {} first: {} contacts deleted", runId, run.listId(), deleted);
                    }
                    return RepeatStatus.FINISHED;
                }, transactionManager)
                .build();
    }

    @Bean
    Step importRowsStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                        CheckingRowReader importReader, ContactImportWriter importWriter, ImportsProperties properties,
                        ImportProgress progress) {
        return new StepBuilder("importRows", jobRepository)
                .<CheckedRow, CheckedRow>chunk(properties.chunkSize(), transactionManager)
                .reader(importReader)
                .writer(importWriter)
                .listener(progress)
                .build();
    }

    @Bean
    @StepScope
    CheckingRowReader importReader(@Value("#{jobParameters['" + RUN_ID + "']}") Long runId, ImportRunStore runs,
                                   ContactLists contacts, ContactValues values, ImportsProperties properties) {
        ImportRun run = runs.find(runId).orElseThrow();
        ListSchema schema = contacts.schema(run.listId()).orElseThrow();
        TabularFileItemReader file = new TabularFileItemReader("importFile", Path.of(run.storedFile()), run.fileName(),
                ReadOptions.DEFAULTS);
        return new CheckingRowReader(file, schema, new ImportMapping(run.mapping()), values, 2 * properties.chunkSize(),
                "import-" + runId + "-check");
    }

    @Bean
    @StepScope
    ContactImportWriter importWriter(@Value("#{jobParameters['" + RUN_ID + "']}") Long runId, ImportRunStore runs,
                                     ContactLists contacts, CheckingRowReader importReader) {
        ImportRun run = runs.find(runId).orElseThrow();
        ListSchema schema = contacts.schema(run.listId()).orElseThrow();
        return new ContactImportWriter(runId, schema, importReader, run.updateExisting(), contacts, runs);
    }

    private static String failureOf(JobExecution execution) {
        return execution.getAllFailureExceptions().stream()
                .map(failure -> failure instanceof TabularFileException ? failure.getMessage()
                        : "The import stopped: " + failure.getMessage())
                .findFirst()
                .orElse(execution.getExitStatus().getExitDescription());
    }
}
