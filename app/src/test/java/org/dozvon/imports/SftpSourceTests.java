package org.dozvon.imports;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;
import org.dozvon.ApplicationTestBase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** An in-process SFTP server (Apache MINA SSHD) serves the files an SFTP source reads. */
class SftpSourceTests extends ApplicationTestBase {

    private static final String YEARLY = "0 0 3 1 1 *";

    @Autowired
    ImportSourceStore sources;
    @Autowired
    ImportSourceScheduler scheduler;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Clock clock;

    @TempDir
    Path root;
    @TempDir
    Path keys;

    private SshServer server;
    private SourceFixture fixture;

    @BeforeEach
    void server() throws Exception {
        fixture = new SourceFixture(portal());
        server = serverWithKey(keys.resolve("host.ser"), 0);
    }

    @AfterEach
    void stop() throws Exception {
        server.stop(true);
    }

    @Test
    void aRunDownloadsMatchingFilesImportsThemAndMovesThemOnTheServer() throws Exception {
        Files.createDirectories(root.resolve("outbox"));
        Files.writeString(root.resolve("outbox/day.csv"), "Contract;FIO;Phone\nS-1;Ivanov;+79120000041\nS-2;Petrov;+79120000042\n");
        long id = source("/outbox", new SourceSettings.After(SourceSettings.Action.MOVE, "done"));

        assertThat(scheduler.runNow(id)).isEqualTo("1 file(s) imported, 0 refused");

        List<Long> runs = fixture.runsOf(jdbc, id);
        assertThat(runs).hasSize(1);
        assertThat(fixture.waitFor(runs.get(0)).get("inserted").asLong()).isEqualTo(2);
        assertThat(root.resolve("outbox/done/day.csv")).exists();
        assertThat(root.resolve("outbox/day.csv")).doesNotExist();
        assertThat(sources.find(id).orElseThrow().hostKey()).startsWith("SHA256:");
    }

    @Test
    void aChangedHostKeyIsRefused() throws Exception {
        Files.writeString(root.resolve("a.csv"), "Contract;FIO;Phone\nS-3;Ivanov;+79120000043\n");
        long id = source("/", new SourceSettings.After(SourceSettings.Action.DELETE, null));
        sources.rememberHostKey(id, "SHA256:somebody-else");

        assertThat(scheduler.runNow(id)).startsWith("failed: the server's host key has changed");
        assertThat(root.resolve("a.csv")).exists();
        assertThat(fixture.runsOf(jdbc, id)).isEmpty();
    }

    private SshServer serverWithKey(Path hostKey, int port) throws Exception {
        SshServer ssh = SshServer.setUpDefaultServer();
        ssh.setPort(port);
        ssh.setKeyPairProvider(new SimpleGeneratorHostKeyProvider(hostKey));
        ssh.setPasswordAuthenticator((username, password, session) -> "loader".equals(username) && "s3cret".equals(password));
        ssh.setSubsystemFactories(List.of(new SftpSubsystemFactory()));
        ssh.setFileSystemFactory(new VirtualFileSystemFactory(root));
        ssh.start();
        return ssh;
    }

    private long source(String directory, SourceSettings.After onSuccess) {
        SourceSettings.Sftp settings = new SourceSettings.Sftp("localhost", server.getPort(), "loader", "s3cret", directory,
                "*.csv", onSuccess, new SourceSettings.After(SourceSettings.Action.RENAME, ".failed"));
        return sources.create(new ImportSource(0, "SFTP " + fixture.s + " " + System.nanoTime(), fixture.listId, null,
                ImportSource.Kind.SFTP, true, YEARLY, settings, fixture.mapping("Contract", "FIO", "Phone"),
                false, false, null, scheduler.nextRun(YEARLY, clock.instant()), null, null), clock.instant());
    }
}
