package org.doorstep.matching.errors;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;

/**
 * For a {@code @WebFluxTest}: the {@link ProblemWriter} that {@link ProblemWebExceptionHandler} (a web exception
 * handler, which such a test slice loads) writes with, a plain component the slice leaves out.
 */
@TestConfiguration
@Import(ProblemWriter.class)
public class ProblemWriting {
}
