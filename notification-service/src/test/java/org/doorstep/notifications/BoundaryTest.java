package org.doorstep.notifications;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** STYLE 2: the domain knows no web, Kafka or Mongo types; feature packages have no cycles. */
@AnalyzeClasses(packages = "org.doorstep.notifications", importOptions = ImportOption.DoNotIncludeTests.class)
class BoundaryTest {

    private static final String[] DOMAIN = {
            "org.doorstep.notifications.inbox",
            "org.doorstep.notifications.preferences",
            "org.doorstep.notifications.partner",
            "org.doorstep.notifications.webhook",
            "org.doorstep.notifications.feedback",
            "org.doorstep.notifications.push",
            "org.doorstep.notifications.stream",
            "org.doorstep.notifications.delivery",
    };

    @ArchTest
    static final ArchRule domainKnowsNoWebKafkaOrMongoTypes = noClasses()
            .that().resideInAnyPackage(DOMAIN)
            .should().dependOnClassesThat().resideInAnyPackage(
                    "org.springframework.web..", "org.springframework.http..", "org.springframework.kafka..",
                    "org.apache.kafka..", "org.springframework.messaging..", "org.springframework.cloud.stream..",
                    "org.springframework.data.mongodb..", "com.mongodb..", "org.bson..");

    @ArchTest
    static final ArchRule featuresHaveNoCycles = slices()
            .matching("org.doorstep.notifications.(*)..")
            .should().beFreeOfCycles();

    @ArchTest
    static final ArchRule onlyAdaptersTouchMongo = noClasses()
            .that().resideOutsideOfPackages("..store..")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework.data.mongodb..", "com.mongodb..")
            .allowEmptyShould(true);
}
