package org.doorstep.postings.errors;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.List;

import com.mongodb.MongoNodeIsRecoveringException;
import com.mongodb.MongoNotPrimaryException;
import com.mongodb.MongoSocketOpenException;
import com.mongodb.MongoSocketReadException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.ServerAddress;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.bson.BsonDocument;
import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.data.mongodb.UncategorizedMongoDbException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.method.annotation.ExceptionHandlerMethodResolver;

import static org.assertj.core.api.Assertions.assertThat;

/** Every failure a use case raises has its own problem; the store being away is a 503 the client may retry. */
class ProblemHandlerTest {

    private static final ExceptionHandlerMethodResolver MAPPINGS = new ExceptionHandlerMethodResolver(ProblemHandler.class);
    private final ProblemHandler handler = new ProblemHandler();

    @Test
    void everyExceptionOfTheServiceHasAMappingOtherThanTheCatchAll() {
        List<Class<?>> exceptions = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.doorstep.postings").stream()
                .filter(c -> c.isAssignableTo(RuntimeException.class))
                .filter(c -> c.getModifiers().contains(com.tngtech.archunit.core.domain.JavaModifier.PUBLIC))
                .map(JavaClass::reflect)
                .filter(c -> !Modifier.isAbstract(c.getModifiers()))
                .<Class<?>>map(c -> c)
                .toList();

        assertThat(exceptions).isNotEmpty();
        for (Class<?> type : exceptions) {
            @SuppressWarnings("unchecked")
            Method method = MAPPINGS.resolveMethodByExceptionType((Class<? extends Throwable>) type);
            assertThat(method).as(type.getName()).isNotNull();
            assertThat(method.getName()).as(type.getName()).isNotEqualTo("unexpected");
        }
    }

    @Test
    void storeUnreachableExceptionsMapTo503WithRetryAfter() {
        ServerAddress server = new ServerAddress("127.0.0.1", 27017);
        List<Exception> unreachable = List.of(
                new MongoTimeoutException("Timed out while waiting for a server"),
                new MongoSocketOpenException("Exception opening socket", server),
                new MongoSocketReadException("Prematurely reached end of stream", server),
                new MongoNotPrimaryException(new BsonDocument(), server),
                new MongoNodeIsRecoveringException(new BsonDocument(), server),
                new DataAccessResourceFailureException("store away"),
                // as Spring Data wraps what it does not translate, and as an operator wraps what it retried
                new UncategorizedMongoDbException("wrapped", new MongoSocketReadException("reset", server)),
                new IllegalStateException("Retries exhausted", new MongoTimeoutException("Timed out")));

        for (Exception e : unreachable) {
            Method method = MAPPINGS.resolveMethod(e);
            assertThat(method).as(e.toString()).isNotNull();
            ResponseEntity<ProblemDetail> answer = invoke(method, e);
            assertThat(answer.getStatusCode().value()).as(e.toString()).isEqualTo(503);
            assertThat(answer.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("5");
            assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
            ProblemDetail problem = answer.getBody();
            assertThat(problem.getType().toString()).isEqualTo("https://doorstep.example/problems/store-unavailable");
            assertThat(problem.getTitle()).isEqualTo("Store unavailable");
            assertThat(problem.getDetail()).containsIgnoringCase("retry");
        }
    }

    @Test
    void unknownFailuresStay500WithoutInternals() {
        Exception e = new IllegalStateException("secret internal state: password=hunter2");

        ResponseEntity<ProblemDetail> answer = invoke(MAPPINGS.resolveMethod(e), e);

        assertThat(answer.getStatusCode().value()).isEqualTo(500);
        assertThat(answer.getBody().getType().toString()).isEqualTo("https://doorstep.example/problems/internal");
        assertThat(answer.getBody().getDetail()).doesNotContain("hunter2");
    }

    @SuppressWarnings("unchecked")
    private ResponseEntity<ProblemDetail> invoke(Method method, Exception e) {
        try {
            method.setAccessible(true);
            return (ResponseEntity<ProblemDetail>) method.invoke(handler, e,
                    MockServerWebExchange.from(MockServerHttpRequest.get("/api/v1/postings/x")));
        } catch (ReflectiveOperationException ex) {
            throw new AssertionError(ex);
        }
    }
}
