package org.dozvon.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.dozvon.ApplicationTestBase;
import org.dozvon.PortalClient;
import org.dozvon.Violation;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A folder source read by the real scheduler into the real journal. */
class FolderSourceTests extends ApplicationTestBase {

    /** Once a year: the background poll never reaches these sources during a test. */
    private static final String YEARLY = "0 0 3 1 1 *";

    @Autowired
    ImportSourceStore sources;
    @Autowired
    ImportSourceScheduler scheduler;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Clock clock;

    @Autowired
    ImportsProperties properties;
    @Autowired
    ImportSourceEditor editor;

    @TempDir
    Path outside;

    /** A fresh folder under the folder sources' root, the only place they may read. */
    private Path folder;
    private SourceFixture fixture;

    @BeforeEach
    void aListAndAFolder() throws Exception {
        fixture = new SourceFixture(portal());
        folder = Files.createDirectories(properties.sourceFolderRoot().resolve("test-" + fixture.s));
    }

    @Test
    void importsDroppedFilesOnceAndRenamesGoodOnesAndMovesBadOnes() throws Exception {
        Files.writeString(folder.resolve("debtors.csv"), "Contract;FIO;Phone\nF-1;Ivanov;+79120000001\nF-2;Petrov;+79120000002\n");
        Files.writeString(folder.resolve("broken.csv"), "Contract;Surname\nF-3;Sidorov\n");
        Files.writeString(folder.resolve("notes.txt"), "not for us");
        long id = source(new SourceSettings.After(SourceSettings.Action.RENAME, ".done"),
                new SourceSettings.After(SourceSettings.Action.MOVE, "failed"));

        String message = scheduler.runNow(id);

        assertThat(message).startsWith("1 file(s) imported, 1 refused").contains("broken.csv refused");
        List<Long> runs = fixture.runsOf(jdbc, id);
        assertThat(runs).hasSize(1);
        assertThat(fixture.waitFor(runs.get(0)).get("inserted").asLong()).isEqualTo(2);
        assertThat(jdbc.sql("select source from import_run where id = :id").param("id", runs.get(0)).query(String.class).single())
                .isEqualTo("FOLDER");
        assertThat(folder.resolve("debtors.csv.done")).exists();
        assertThat(folder.resolve("failed/broken.csv")).exists();
        assertThat(folder.resolve("debtors.csv")).doesNotExist();
        assertThat(folder.resolve("notes.txt")).exists();

        assertThat(scheduler.runNow(id)).isEqualTo("0 file(s) imported, 0 refused");
        assertThat(fixture.runsOf(jdbc, id)).hasSize(1);
        assertThat(sources.find(id).orElseThrow().lastMessage()).isEqualTo("0 file(s) imported, 0 refused");
    }

    @Test
    void deletesAfterImportAndNeverImportsAFileTwiceEvenWhenItStaysBehind() throws Exception {
        Path file = folder.resolve("a.csv");
        Files.writeString(file, "Contract;FIO;Phone\nD-1;Ivanov;+79120000011\n");
        long id = source(new SourceSettings.After(SourceSettings.Action.DELETE, null),
                new SourceSettings.After(SourceSettings.Action.DELETE, null));
        scheduler.runNow(id);
        assertThat(file).doesNotExist();
        fixture.waitFor(fixture.runsOf(jdbc, id).get(0));

        // a rename into a folder that is in the way fails: the file stays but is not imported again
        Files.writeString(file, "Contract;FIO;Phone\nD-2;Petrov;+79120000012\n");
        long stuck = source(new SourceSettings.After(SourceSettings.Action.MOVE, "a.csv/x"),
                new SourceSettings.After(SourceSettings.Action.DELETE, null));
        assertThat(scheduler.runNow(stuck)).contains("a.csv: move failed").contains("will not be imported again");
        assertThat(file).exists();
        assertThat(scheduler.runNow(stuck)).isEqualTo("0 file(s) imported, 0 refused");
        assertThat(fixture.runsOf(jdbc, stuck)).hasSize(1);
    }

    @Test
    void thePollRunsDueEnabledSourcesOnlyAndMovesTheirNextRunByTheCron() throws Exception {
        Files.writeString(folder.resolve("p.csv"), "Contract;FIO;Phone\nP-1;Ivanov;+79120000021\n");
        long enabled = source(new SourceSettings.After(SourceSettings.Action.RENAME, ".done"),
                new SourceSettings.After(SourceSettings.Action.RENAME, ".failed"));
        long disabled = source(new SourceSettings.After(SourceSettings.Action.RENAME, ".done"),
                new SourceSettings.After(SourceSettings.Action.RENAME, ".failed"));
        Instant past = clock.instant().minus(1, ChronoUnit.MINUTES);
        sources.enable(enabled, true, past, clock.instant());
        sources.enable(disabled, false, past, clock.instant());

        Instant before = clock.instant();
        scheduler.poll();

        ImportSource ran = sources.find(enabled).orElseThrow();
        assertThat(ran.lastRunAt()).isNotNull();
        assertThat(ran.nextRunAt()).isAfter(before)
                .isEqualTo(scheduler.nextRun(YEARLY, ran.nextRunAt().minusSeconds(1)));
        assertThat(ran.lastMessage()).startsWith("1 file(s) imported");
        ImportSource skipped = sources.find(disabled).orElseThrow();
        assertThat(skipped.lastRunAt()).isNull();
        assertThat(skipped.nextRunAt()).isBefore(before); // not moved on: it was not taken
        assertThat(fixture.runsOf(jdbc, disabled)).isEmpty();
    }

    @Test
    void aFolderOutsideTheRootIsRefusedWhenSavedAndWhenRun() throws Exception {
        Map<String, String> form = new LinkedHashMap<>(ImportSourceEditor.blank(ImportSource.Kind.FOLDER));
        form.put("name", "Outside " + fixture.s);
        form.put("listId", String.valueOf(fixture.listId));
        form.put("mapping", "Contract=src_id_" + fixture.s);
        form.put("directory", outside.toString());
        form.put("failureAction", "MOVE");
        form.put("failureTarget", "/tmp");
        ImportSourceEditor.Result refused = editor.save(null, form);
        assertThat(refused.violations()).extracting(Violation::field, Violation::messageKey).containsExactlyInAnyOrder(
                tuple("directory", "sources.directoryOutside"), tuple("failureTarget", "sources.targetRequired.MOVE"));
        form.put("directory", "../" + folder.getParent().getFileName() + "/../..");
        assertThat(editor.save(null, form).violations()).extracting(Violation::field).contains("directory");

        Files.writeString(outside.resolve("x.csv"), "Contract;FIO;Phone\nO-1;Ivanov;+79120000051\n");
        long id = sources.create(new ImportSource(0, "Outside run " + fixture.s, fixture.listId, null, ImportSource.Kind.FOLDER,
                true, YEARLY, new SourceSettings.Folder(outside.toString(), "*.csv", new SourceSettings.After(SourceSettings.Action.DELETE, null),
                new SourceSettings.After(SourceSettings.Action.DELETE, null)), fixture.mapping("Contract", "FIO", "Phone"),
                false, false, null, null, null, null), clock.instant());
        assertThat(scheduler.runNow(id)).startsWith("failed: the folder").contains("is not under");
        assertThat(outside.resolve("x.csv")).exists();
    }

    @Test
    void theListPageSwitchesASourceOffAndRunsItNow() throws Exception {
        Files.writeString(folder.resolve("page.csv"), "Contract;FIO;Phone\nW-1;Ivanov;+79120000061\n");
        long id = source(new SourceSettings.After(SourceSettings.Action.RENAME, ".done"),
                new SourceSettings.After(SourceSettings.Action.RENAME, ".failed"));
        PortalClient portal = portal();
        portal.login("admin", ADMIN_PASSWORD);
        assertThat(portal.get("/imports").body()).contains("href=\"/imports/sources\"");

        HttpResponse<String> off = portal.submit("/imports/sources", "/imports/sources/" + id + "/enabled", Map.of("enabled", "false"));
        assertThat(off.statusCode()).isEqualTo(302);
        assertThat(sources.find(id).orElseThrow().enabled()).isFalse();

        HttpResponse<String> ran = portal.submit("/imports/sources", "/imports/sources/" + id + "/run", Map.of());
        assertThat(ran.statusCode()).isEqualTo(302);
        assertThat(portal.get("/imports/sources").body()).as("the request does not wait for the run")
                .contains("The source is being read now");
        for (int i = 0; i < 200 && sources.find(id).orElseThrow().lastMessage() == null; i++) {
            Thread.sleep(50);
        }
        assertThat(sources.find(id).orElseThrow().lastMessage()).isEqualTo("1 file(s) imported, 0 refused");
        assertThat(portal.get("/imports/sources").body()).contains("1 file(s) imported, 0 refused");
        fixture.waitFor(fixture.runsOf(jdbc, id).get(0));
    }

    @Test
    void nextRunFollowsTheCronInTheClocksZone() {
        Instant at = Instant.parse("2026-03-10T10:00:00Z");
        Instant next = scheduler.nextRun("0 */15 * * * *", at);
        assertThat(next).isEqualTo(Instant.parse("2026-03-10T10:15:00Z"));
    }

    private long source(SourceSettings.After onSuccess, SourceSettings.After onFailure) {
        ImportSource source = new ImportSource(0, "Folder " + fixture.s + " " + System.nanoTime(), fixture.listId, null,
                ImportSource.Kind.FOLDER, true, YEARLY, new SourceSettings.Folder(folder.toString(), "*.csv", onSuccess, onFailure),
                fixture.mapping("Contract", "FIO", "Phone"), false, false, null,
                scheduler.nextRun(YEARLY, clock.instant()), null, null);
        return sources.create(source, clock.instant());
    }
}
