package org.doorstep.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives a test class a real Kafka KRaft broker and a MongoDB endpoint over TCP, started once per
 * test JVM and shared by every class that carries this annotation.
 * <p>
 * Before any Spring context of the class starts, the endpoints are published as the system
 * properties the services read: {@code KAFKA_BOOTSTRAP_SERVERS}, {@code MONGODB_URI},
 * {@code spring.cloud.stream.kafka.binder.brokers}, {@code spring.kafka.bootstrap-servers} and
 * {@code spring.mongodb.uri}. Put this annotation before {@code @SpringBootTest}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(InfrastructureExtension.class)
public @interface DoorstepInfrastructure {
}
