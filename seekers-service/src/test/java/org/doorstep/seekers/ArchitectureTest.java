package org.doorstep.seekers;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.nameMatching;
import static com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import java.util.Map;

import com.mongodb.MongoException;
import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import reactor.core.CorePublisher;

/**
 * The layer rules of every Doorstep service, word for word the same in all four but for this service's facts
 * (its use-case packages and its frozen exceptions): use cases see domain types and ports only; only store
 * packages touch MongoDB (others may recognise the driver's failures); only messaging packages and the outbox
 * relay touch Kafka. The service's own further boundaries are in {@code BoundaryTest}.
 */
@AnalyzeClasses(packages = "org.doorstep.seekers", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /** Where this service's use cases live. */
    private static final String[] USE_CASES = {"org.doorstep.seekers.seeker", "org.doorstep.seekers.application"};

    /** Classes the rules do not hold for yet (a fix too big for now): class name to why. */
    private static final Map<String, String> FROZEN = Map.of();

    @ArchTest
    static final ArchRule useCasesKnowNoInfrastructure = noClasses()
            .that().resideInAnyPackage(USE_CASES).and(notFrozen())
            .should().dependOnClassesThat().resideInAnyPackage(
                    "org.bson..", "com.mongodb..", "org.apache.kafka..", "org.springframework.http..")
            .because("use cases see domain types and ports; the adapters translate");

    @ArchTest
    static final ArchRule useCasesSeePortsNotAdapters = noClasses()
            .that().resideInAnyPackage(USE_CASES).and(notFrozen())
            .should().dependOnClassesThat().resideInAnyPackage(
                    "org.doorstep..store..", "org.doorstep..messaging..", "org.doorstep..outbox..", "org.doorstep..web..")
            .because("a use case drives its ports; the adapters implement them");

    @ArchTest
    static final ArchRule onlyStoresTouchMongo = noClasses()
            .that().resideOutsideOfPackages("..store..").and(notFrozen())
            .should().dependOnClassesThat(resideInAnyPackage(
                    "org.bson..", "com.mongodb..", "org.springframework.data.mongodb..")
                    .and(not(assignableTo(MongoException.class))))
            .because("the stores own the driver; the error mapping only recognises its failures");

    @ArchTest
    static final ArchRule onlyMessagingTouchesKafka = noClasses()
            .that().resideOutsideOfPackages("..messaging..", "..outbox..").and(notFrozen())
            .should().dependOnClassesThat().resideInAnyPackage("org.apache.kafka..", "org.springframework.kafka..")
            .because("consumers, publishers and the outbox relay are the only Kafka adapters");

    @ArchTest
    static final ArchRule theWebEdgeNeverBlocks = noClasses()
            .that().resideInAnyPackage("..web..", "..security..", "..errors..").and(notFrozen())
            .should().callMethodWhere(JavaCall.Predicates.target(nameMatching("block.*"))
                    .and(JavaCall.Predicates.target(owner(assignableTo(CorePublisher.class)))))
            .because("requests are served reactively end to end on the event loops; only consumers, relays and jobs "
                    + "wait for the store, on threads of their own (CONTRIBUTING.md)");

    private static DescribedPredicate<JavaClass> notFrozen() {
        return DescribedPredicate.describe("not frozen",
                c -> !FROZEN.containsKey(c.getName().replaceFirst("\\$.*", "")));
    }
}
