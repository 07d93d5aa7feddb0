package org.doorstep.matching;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** STYLE 2: the matching core knows no web, Kafka or Mongo types; feature packages have no cycles. */
class BoundaryTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.doorstep.matching");

    @Test
    void theMatchingCoreKnowsNoWebKafkaOrMongoTypes() {
        noClasses().that().resideInAnyPackage("..matching.taxonomy..", "..matching.scoring..", "..matching.index..",
                        "..matching.match..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.springframework.web..", "org.springframework.http..", "org.springframework.kafka..",
                        "org.springframework.messaging..", "org.springframework.cloud..", "org.apache.kafka..",
                        "org.springframework.data.mongodb..", "com.mongodb..", "org.bson..", "reactor..",
                        "org.doorstep.matching.messaging..", "org.doorstep.matching.store..",
                        "org.doorstep.matching.operator..")
                .check(CLASSES);
    }

    @Test
    void onlyTheIndexPackageUsesLucene() {
        noClasses().that().resideOutsideOfPackage("..matching.index..")
                .and().resideOutsideOfPackage("..matching.taxonomy..")
                .should().dependOnClassesThat().resideInAPackage("org.apache.lucene..")
                .check(CLASSES);
    }

    @Test
    void featurePackagesHaveNoCycles() {
        slices().matching("org.doorstep.matching.(*)..").should().beFreeOfCycles().check(CLASSES);
    }
}
