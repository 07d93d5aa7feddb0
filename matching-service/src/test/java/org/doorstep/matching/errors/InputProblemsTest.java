package org.doorstep.matching.errors;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What a value must be, in the words every service uses for a parameter and a body's field ({@link InputProblems}). */
class InputProblemsTest {

    enum Period { MONTH, YEAR, HOUR }

    record Body(String text) {
    }

    @Test
    void namesWhatEachTypeMustBe() {
        assertThat(InputProblems.expected(String.class)).isEqualTo("must be a string");
        assertThat(InputProblems.expected(boolean.class)).isEqualTo("must be true or false");
        assertThat(InputProblems.expected(Integer.class)).isEqualTo("must be an integer");
        assertThat(InputProblems.expected(long.class)).isEqualTo("must be an integer");
        assertThat(InputProblems.expected(Double.class)).isEqualTo("must be a number");
        assertThat(InputProblems.expected(Period.class)).isEqualTo("must be one of [HOUR, MONTH, YEAR]");
        assertThat(InputProblems.expected(List.class)).isEqualTo("must be an array");
        assertThat(InputProblems.expected(String[].class)).isEqualTo("must be an array");
        assertThat(InputProblems.expected(LocalDate.class)).isEqualTo("must be a date (YYYY-MM-DD)");
        assertThat(InputProblems.expected(Instant.class)).startsWith("must be a date and time (ISO 8601");
        assertThat(InputProblems.expected(Body.class)).isEqualTo("must be an object");
        assertThat(InputProblems.expected(Map.class)).isEqualTo("must be an object");
        assertThat(InputProblems.expected(UUID.class)).isEqualTo("is not a valid UUID");
    }
}
