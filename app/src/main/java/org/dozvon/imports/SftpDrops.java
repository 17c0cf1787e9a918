package org.dozvon.imports;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.StandardCopyOption;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;

import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Opens SFTP directories (Apache MINA SSHD client) with trust on first use: the server's host key
 * fingerprint is remembered at the first successful connection and a different key is refused.
 */
@Component
class SftpDrops implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(SftpDrops.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private final SshClient client;
    private final ImportSourceStore sources;
    private final Clock clock;

    SftpDrops(ImportSourceStore sources, Clock clock) {
        this.sources = sources;
        this.clock = clock;
        this.client = SshClient.setUpDefaultClient();
        // the key is checked after the key exchange, before authentication, against the fingerprint remembered for the source
        client.setServerKeyVerifier((session, address, key) -> true);
        client.start();
    }

    FileDrop open(ImportSource source, SourceSettings.Sftp settings) throws IOException {
        ClientSession session = client.connect(settings.username(), settings.host(), settings.port())
                .verify(TIMEOUT).getSession();
        try {
            // the key exchange is over (and the key known) before any password is sent
            session.waitFor(EnumSet.of(ClientSession.ClientSessionEvent.WAIT_AUTH, ClientSession.ClientSessionEvent.CLOSED), TIMEOUT);
            PublicKey key = session.getServerKey();
            if (key == null) {
                throw new IOException("the server " + settings.host() + ":" + settings.port() + " closed the connection before showing its key");
            }
            String fingerprint = KeyUtils.getFingerPrint(key);
            if (source.hostKey() != null && !source.hostKey().equals(fingerprint)) {
                throw new IOException("the server's host key has changed: it was " + source.hostKey() + ", it is now "
                        + fingerprint + ". If the server was really re-keyed, save the source again with its address"
                        + " changed and back, or ask an administrator to forget the key");
            }
            session.addPasswordIdentity(settings.password());
            session.auth().verify(TIMEOUT);
            if (source.hostKey() == null) {
                sources.rememberHostKey(source.id(), fingerprint);
                log.info("Import source {} ({}): trusting the host key {} of {}:{} from now on", source.id(), source.name(),
                        fingerprint, settings.host(), settings.port());
            }
            return new Drop(session, SftpClientFactory.instance().createSftpClient(session), settings, clock);
        } catch (IOException | RuntimeException e) {
            session.close(true);
            throw e;
        }
    }

    @Override
    public void destroy() {
        client.stop();
    }

    private static final class Drop implements FileDrop {

        private final ClientSession session;
        private final SftpClient sftp;
        private final SourceSettings.Sftp settings;
        private final Clock clock;
        private final String directory;

        Drop(ClientSession session, SftpClient sftp, SourceSettings.Sftp settings, Clock clock) {
            this.session = session;
            this.sftp = sftp;
            this.settings = settings;
            this.clock = clock;
            String dir = settings.directory() == null || settings.directory().isBlank() ? "." : settings.directory();
            this.directory = dir.endsWith("/") && dir.length() > 1 ? dir.substring(0, dir.length() - 1) : dir;
        }

        @Override
        public List<Found> list() throws IOException {
            PathMatcher matcher = FileDrop.glob(settings.glob());
            List<Found> found = new ArrayList<>();
            for (SftpClient.DirEntry entry : sftp.readDir(directory)) {
                String name = entry.getFilename();
                SftpClient.Attributes attributes = entry.getAttributes();
                if (attributes.isRegularFile() && matcher.matches(Path.of(name))
                        && !FileDrop.renamedByUs(name, settings.onSuccess(), settings.onFailure())) {
                    found.add(new Found(name, attributes.getSize(), attributes.getModifyTime().toInstant()));
                }
            }
            found.sort(Comparator.comparing(Found::modifiedAt).thenComparing(Found::name));
            return found;
        }

        @Override
        public void fetch(Found file, Path target) throws IOException {
            try (InputStream in = sftp.read(path(file.name()))) {
                Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }

        @Override
        public void after(Found file, SourceSettings.After action) throws IOException {
            String source = path(file.name());
            switch (action.action()) {
                case DELETE -> sftp.remove(source);
                case RENAME -> sftp.rename(source, free(source + action.target()));
                case MOVE -> {
                    String folder = action.target().startsWith("/") ? action.target() : path(action.target());
                    try {
                        sftp.mkdir(folder);
                    } catch (IOException alreadyThere) {
                        // most often it exists; if it cannot be made, the rename below says why
                    }
                    sftp.rename(source, free(folder + "/" + file.name()));
                }
            }
        }

        private String free(String target) {
            try {
                sftp.stat(target);
                return target + "." + clock.millis();
            } catch (IOException absent) {
                return target;
            }
        }

        private String path(String name) {
            return directory + "/" + name;
        }

        @Override
        public void close() throws IOException {
            try {
                sftp.close();
            } finally {
                session.close(false);
            }
        }
    }
}
