package org.dozvon.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.dozvon.ApplicationTestBase;
import org.dozvon.TestApplications;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

@ExtendWith(OutputCaptureExtension.class)
class DataDirectoryTests extends ApplicationTestBase {

    @Autowired
    DatabaseInfo database;

    @Test
    void withNoDatabaseConfiguredDozvonRunsItsEmbeddedPostgres() {
        assertThat(database.embedded()).isTrue();
        assertThat(database.mode()).isEqualTo("embedded");
        assertThat(database.url()).startsWith("jdbc:postgresql://localhost:");
        assertThat(database.dataDir()).exists().isDirectory();
        assertThat(database.dataDir().resolve("PG_VERSION")).exists();
    }

    @Test
    void secondInstanceOnTheSameDataDirectoryRefusesClearly(CapturedOutput output) {
        var dataDir = database.dataDir().getParent();

        assertThatThrownBy(() -> TestApplications.start(dataDir).close())
                .hasRootCauseInstanceOf(DataDirectoryInUseException.class);

        assertThat(output.getOut() + output.getErr())
                .contains("APPLICATION FAILED TO START")
                .contains("The data directory " + dataDir + " is already in use by another running Dozvon")
                .contains("DOZVON_DATA_DIR");
    }
}
