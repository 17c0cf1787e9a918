package org.dozvon;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import org.junit.jupiter.api.Test;

import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/**
 * The modules keep to their boundaries: no cycles, no reaching into another module's internals.
 * Also writes the module documentation (target/spring-modulith-docs) that docs/architecture.md links.
 */
class ModularityTests {

    private final ApplicationModules modules = ApplicationModules.of(DozvonApplication.class);

    @Test
    void modulesRespectTheirBoundaries() {
        modules.verify();
    }

    @Test
    void everyModuleOfTheDesignExists() {
        assertThat(modules.stream().map(module -> module.getBasePackage().getName()))
                .contains("org.dozvon.contacts", "org.dozvon.imports", "org.dozvon.campaigns", "org.dozvon.strategy",
                        "org.dozvon.dialing", "org.dozvon.agents", "org.dozvon.channels", "org.dozvon.reporting",
                        "org.dozvon.access", "org.dozvon.web", "org.dozvon.database", "org.dozvon.telephony");
    }

    @Test
    void onlyStrategyTalksToCamundaAndOnlyTelephonyToAsterisk() {
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.dozvon");

        noClasses().that().resideOutsideOfPackage("org.dozvon.strategy..")
                .should().dependOnClassesThat().resideInAPackage("org.camunda..")
                .check(classes);
        noClasses().that().resideOutsideOfPackage("org.dozvon.telephony..")
                .should().dependOnClassesThat().resideInAPackage("org.asteriskjava..")
                .check(classes);
    }

    @Test
    void writesModuleDocumentation() {
        Path folder = Path.of("target", "spring-modulith-docs");

        new Documenter(modules, Documenter.Options.defaults().withOutputFolder(folder.toString()))
                .writeDocumentation();

        assertThat(folder.resolve("components.puml")).exists();
        assertThat(folder.resolve("module-access.adoc")).exists();
    }
}
