package org.doorstep.seekers;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.mongodb.MongoException;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** STYLE 2: the domain knows no web, Kafka, Mongo or JSON types; feature packages have no cycles. */
@AnalyzeClasses(packages = "org.doorstep.seekers", importOptions = ImportOption.DoNotIncludeTests.class)
class BoundaryTest {

    @ArchTest
    static final ArchRule domainKnowsNoInfrastructure = noClasses()
            .that().resideInAPackage("org.doorstep.seekers.seeker")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "org.springframework.web..", "org.springframework.http..", "org.springframework.security..",
                    "org.apache.kafka..", "org.springframework.kafka..", "org.springframework.cloud.stream..",
                    "com.mongodb..", "org.bson..", "org.springframework.data..",
                    "tools.jackson..", "com.fasterxml.jackson..",
                    "org.doorstep.seekers.seeker.web..", "org.doorstep.seekers.seeker.store..",
                    "org.doorstep.seekers.seeker.messaging..", "org.doorstep.seekers.outbox..")
            .because("the seeker domain is plain Java; adapters depend on it, not the other way round");

    @ArchTest
    static final ArchRule noCyclesBetweenFeatures = slices()
            .matching("org.doorstep.seekers.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule noCyclesInsideTheSeekerFeature = slices()
            .matching("org.doorstep.seekers.seeker.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule onlyTheWebLayerTalksHttp = noClasses()
            .that().resideOutsideOfPackages("..web..", "..errors..", "..security..", "..i18n..")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework.web.bind..",
                    "org.springframework.http.server..")
            .because("HTTP stays in the web adapters");

    @ArchTest
    static final ArchRule onlyTheOutboxTalksToKafka = noClasses()
            .that().resideOutsideOfPackages("org.doorstep.seekers.outbox..", "org.doorstep.seekers.platform.messaging..")
            .should().dependOnClassesThat().resideInAnyPackage("org.apache.kafka..", "org.springframework.kafka..");

    @ArchTest
    static final ArchRule onlyTheStoreTalksToMongo = noClasses()
            .that().resideOutsideOfPackages("org.doorstep.seekers.seeker.store..", "org.doorstep.seekers.application.store..",
                    "org.doorstep.seekers.locations.store..", "org.doorstep.seekers.platform.store..",
                    "org.doorstep.seekers.errors..")
            .should().dependOnClassesThat().resideInAnyPackage("com.mongodb..", "org.springframework.data.mongodb..");

    @ArchTest
    static final ArchRule problemsOnlyRecogniseTheDriversFailures = noClasses()
            .that().resideInAPackage("org.doorstep.seekers.errors..")
            .should().dependOnClassesThat(resideInAnyPackage("com.mongodb..", "org.springframework.data.mongodb..")
                    .and(not(assignableTo(MongoException.class))))
            .because("the error mapping recognises a store outage by the driver's exceptions; it does not use the store");

    @ArchTest
    static final ArchRule outboxKnowsNoSeeker = noClasses()
            .that().resideInAPackage("org.doorstep.seekers.outbox..")
            .should().dependOnClassesThat().resideInAnyPackage("org.doorstep.seekers.seeker..")
            .because("the relay publishes whatever an aggregate's outbox holds");

    @ArchTest
    static final ArchRule webAdaptersAreNotUsedByOthers = classes()
            .that().resideInAPackage("org.doorstep.seekers.seeker.web..")
            .should().onlyBeAccessed().byClassesThat().resideInAPackage("org.doorstep.seekers.seeker.web..");
}
