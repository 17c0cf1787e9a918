package org.dozvon.imports;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.dozvon.contacts.ContactLists;
import org.dozvon.contacts.ListSchema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.TimeUnit;

import org.springframework.batch.core.Job;
import org.springframework.batch.core.JobExecution;
import org.springframework.batch.core.explore.JobExplorer;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.JobParameters;
import org.springframework.batch.core.JobParametersBuilder;
import org.springframework.batch.core.launch.support.TaskExecutorJobLauncher;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.stereotype.Service;

/**
 * Receives files, checks the mapping, writes the run to the journal and starts its job in the
 * background. Files wait in {@code DOZVON_IMPORTS_DIR}: first as an upload being mapped, then as the
 * file of a run until the run has finished.
 */
@Service
class ImportLauncher implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ImportLauncher.class);

    private final ImportRunStore runs;
    private final ImportProgress progress;
    private final ContactLists contacts;
    private final JobRepository jobRepository;
    private final Job job;
    private final ImportsProperties properties;
    private final Clock clock;
    private final TaskExecutorJobLauncher launcher;
    private final ThreadPoolTaskExecutor executor;
    private final JobOperator jobOperator;
    private final JobExplorer jobExplorer;

    ImportLauncher(ImportRunStore runs, ContactLists contacts, JobRepository jobRepository, Job contactImport,
                   ImportsProperties properties, Clock clock, JobOperator jobOperator, JobExplorer jobExplorer,
                   ImportProgress progress) throws Exception {
        this.runs = runs;
        this.progress = progress;
        this.contacts = contacts;
        this.jobRepository = jobRepository;
        this.job = contactImport;
        this.properties = properties;
        this.clock = clock;
        this.jobOperator = jobOperator;
        this.jobExplorer = jobExplorer;
        this.executor = executor(properties.parallelImports());
        this.launcher = new TaskExecutorJobLauncher();
        launcher.setJobRepository(jobRepository);
        launcher.setTaskExecutor(executor);
        launcher.afterPropertiesSet();
    }

    /**
     * At shutdown, running imports stop at their next chunk boundary (their runs go back to the queue
     * and resume at the next start) before the database goes away.
     */
    @Override
    public void destroy() {
        for (JobExecution running : jobExplorer.findRunningJobExecutions(ContactImportJob.JOB)) {
            try {
                jobOperator.stop(running.getId());
            } catch (Exception alreadyEnding) {
                log.debug("Import job execution {} could not be stopped: {}", running.getId(), alreadyEnding.getMessage());
            }
        }
        executor.shutdown();
        try {
            if (!executor.getThreadPoolExecutor().awaitTermination(25, TimeUnit.SECONDS)) {
                log.warn("Imports still running after 25 s; they resume after the next start");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Keeps an upload for the mapping step; the token names it without exposing a path. */
    String keepUpload(InputStream content) {
        String token = UUID.randomUUID().toString();
        Path target = uploads().resolve(token);
        try {
            Files.createDirectories(target.getParent());
            Files.copy(content, target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot keep the uploaded file in " + target, e);
        }
        return token;
    }

    Path upload(String token) {
        if (!token.matches("[0-9a-f-]{36}")) {
            throw new IllegalArgumentException("Not an upload: " + token);
        }
        return uploads().resolve(token);
    }

    /**
     * Checks the mapping against the file's header and the list, then starts the import.
     *
     * @return the run id, or the problems that kept the import from starting
     */
    Started start(long listId, Path file, String fileName, Map<String, String> mapping, boolean clearFirst,
                  boolean updateExisting, ImportRun.Source source, String by) {
        ListSchema schema = contacts.schema(listId).orElseThrow(() -> new IllegalArgumentException("No contact list " + listId));
        List<String> header;
        try (TabularFile opened = TabularFiles.open(file, fileName, ReadOptions.DEFAULTS)) {
            header = opened.header();
        } catch (TabularFileException e) {
            return Started.refusedFile(List.of(e.getMessage()));
        }
        ImportMapping importMapping = new ImportMapping(mapping);
        List<String> problems = importMapping.problems(header, schema, updateExisting);
        if (!problems.isEmpty()) {
            return Started.refused(problems);
        }
        long runId = runs.create(listId, source, fileName, mapping, clearFirst, updateExisting, estimateRows(file),
                by, clock.instant());
        Path stored = properties.storageDir().resolve("runs").resolve(String.valueOf(runId));
        try {
            Files.createDirectories(stored.getParent());
            Files.move(file, stored, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot keep the file of import " + runId + " in " + stored, e);
        }
        runs.storedAt(runId, stored.toAbsolutePath().toString());
        launch(runId);
        return Started.ok(runId);
    }

    /** Starts or, for a run whose job failed or was killed, restarts the job after its last committed chunk. */
    void launch(long runId) {
        JobParameters parameters = new JobParametersBuilder().addLong(ContactImportJob.RUN_ID, runId).toJobParameters();
        try {
            launcher.run(job, parameters);
        } catch (Exception e) {
            log.error("Import {} could not be started", runId, e);
            progress.finished(runId, ImportRun.Status.FAILED, "The import could not be started: " + e.getMessage(),
                    clock.instant());
        }
    }

    JobRepository jobRepository() {
        return jobRepository;
    }

    private Path uploads() {
        return properties.storageDir().resolve("uploads");
    }

    /** Lines of a text file (a cheap, close guess of its rows), for the progress bar; unknown for workbooks. */
    private static Long estimateRows(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(4);
            if (head.length >= 2 && ((head[0] == 'P' && head[1] == 'K') || (head[0] == (byte) 0xD0 && head[1] == (byte) 0xCF))) {
                return null;
            }
        } catch (IOException e) {
            return null;
        }
        long lines = 0;
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            int read;
            while ((read = in.read(buffer)) > 0) {
                for (int i = 0; i < read; i++) {
                    if (buffer[i] == '\n') {
                        lines++;
                    }
                }
            }
        } catch (IOException e) {
            return null;
        }
        return Math.max(0, lines - 1);
    }

    private static ThreadPoolTaskExecutor executor(int threads) {
        ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
        executor.setCorePoolSize(threads);
        executor.setMaxPoolSize(threads);
        executor.setQueueCapacity(1000);
        executor.setThreadNamePrefix("import-");
        executor.setWaitForTasksToCompleteOnShutdown(false);
        executor.initialize();
        return executor;
    }

    /** @param field what the problems are about: {@code file} (it cannot be read) or {@code mapping} */
    record Started(Long runId, List<String> problems, String field) {
        static Started ok(long runId) {
            return new Started(runId, List.of(), null);
        }

        static Started refused(List<String> problems) {
            return new Started(null, problems, "mapping");
        }

        static Started refusedFile(List<String> problems) {
            return new Started(null, problems, "file");
        }
    }
}
