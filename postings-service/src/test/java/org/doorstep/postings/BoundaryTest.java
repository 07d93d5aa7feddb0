package org.doorstep.postings;

import java.util.List;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** This service's own boundaries (STYLE 2); the layer rules every service shares are in {@link ArchitectureTest}. */
class BoundaryTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.doorstep.postings");

    @Test
    void domainKnowsNoWebKafkaOrMongoTypes() {
        noClasses().that().resideInAnyPackage(
                        "org.doorstep.postings.posting", "org.doorstep.postings.partner",
                        "org.doorstep.postings.campaign", "org.doorstep.postings.feed", "org.doorstep.postings.problem")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.springframework..", "org.apache.kafka..", "com.mongodb..", "org.bson..",
                        "tools.jackson..", "com.fasterxml.jackson..", "io.swagger..")
                .check(CLASSES);
    }

    @Test
    void domainDoesNotDependOnItsAdapters() {
        noClasses().that().resideInAnyPackage(
                        "org.doorstep.postings.posting", "org.doorstep.postings.partner",
                        "org.doorstep.postings.campaign", "org.doorstep.postings.feed")
                .should().dependOnClassesThat().resideInAnyPackage("..web..", "..store..", "..app..", "..outbox..")
                .check(CLASSES);
    }

    /** A feature reaches another only through the ports the other publishes, never into its store. */
    @Test
    void noFeatureReachesIntoAnothersStore() {
        for (String feature : List.of("posting", "partner", "campaign", "feed")) {
            noClasses().that().resideInAPackage("org.doorstep.postings." + feature + "..")
                    .should().dependOnClassesThat().resideInAnyPackage(List.of("posting", "partner", "campaign", "feed").stream()
                            .filter(other -> !other.equals(feature))
                            .map(other -> "org.doorstep.postings." + other + ".store..").toArray(String[]::new))
                    .check(CLASSES);
        }
    }

    @Test
    void featuresHaveNoCycles() {
        slices().matching("org.doorstep.postings.(*)..").should().beFreeOfCycles().check(CLASSES);
    }
}
