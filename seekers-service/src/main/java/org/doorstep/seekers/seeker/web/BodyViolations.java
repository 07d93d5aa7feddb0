package org.doorstep.seekers.seeker.web;

import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.constraints.Size;
import org.doorstep.seekers.seeker.Violation;

/**
 * One answer for a body: what {@link StrictBinding} could not bind, in the body's order, then what the service and
 * Bean Validation find in the rest, by field, except where a binding problem already names the field. A field of
 * the wrong size is named alone, not what is inside it: a list of many thousand bad items is one line of the answer.
 * The same copy in seekers-service and postings-service ({@code ServiceCopiesTest}).
 */
final class BodyViolations {

    private BodyViolations() {
    }

    /** {@code unbound}: the binding problems; {@code more}: the service's own findings; {@code found}: Bean Validation's. */
    static List<Violation> of(List<Violation> unbound, List<Violation> more, Set<? extends ConstraintViolation<?>> found) {
        Set<String> unboundFields = unbound.stream().map(Violation::field).collect(Collectors.toSet());
        Set<String> sized = found.stream().filter(BodyViolations::sized).map(BodyViolations::field)
                .collect(Collectors.toSet());
        Stream<Violation> bound = Stream.concat(more.stream(),
                        found.stream().map(v -> new Violation(field(v), v.getMessage())))
                .filter(v -> !unboundFields.contains(v.field())).sorted(Comparator.comparing(Violation::field));
        return Stream.concat(unbound.stream(), bound).filter(v -> holders(v.field()).noneMatch(sized::contains)).toList();
    }

    private static boolean sized(ConstraintViolation<?> violation) {
        return violation.getConstraintDescriptor().getAnnotation() instanceof Size;
    }

    /** Hibernate Validator writes paths as the binding problems are named, but for {@code languages[2].<list element>}. */
    private static String field(ConstraintViolation<?> violation) {
        return violation.getPropertyPath().toString().replace(".<list element>", "");
    }

    /** The fields that hold {@code field}: {@code skills} and {@code skills[0]} for {@code skills[0].label}. */
    private static Stream<String> holders(String field) {
        return IntStream.range(1, field.length()).filter(i -> field.charAt(i) == '.' || field.charAt(i) == '[')
                .mapToObj(i -> field.substring(0, i));
    }
}
