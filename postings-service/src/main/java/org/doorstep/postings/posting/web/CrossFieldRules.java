package org.doorstep.postings.posting.web;

import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import java.util.Map;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * A request object with rules across its members (a skill needs a label or a URI; in postings a salary's min is not
 * above its max, in seekers quiet hours do not end when they start) names those it breaks, each at the member a
 * person fixes: a rule is written once, beside the members it reads. The same copy in seekers-service and
 * postings-service ({@code ServiceCopiesTest}).
 */
@CrossFieldRules.Kept
interface CrossFieldRules {

    /** The reason for each rule the object breaks, by member ({@code ""} for the object as a whole). */
    Map<String, String> broken();

    @Constraint(validatedBy = Check.class)
    @Target(TYPE)
    @Retention(RUNTIME)
    @interface Kept {
        String message() default "breaks a rule across its members";
        Class<?>[] groups() default {};
        Class<? extends Payload>[] payload() default {};
    }

    final class Check implements ConstraintValidator<Kept, CrossFieldRules> {
        @Override
        public boolean isValid(CrossFieldRules object, ConstraintValidatorContext context) {
            context.disableDefaultConstraintViolation();
            object.broken().forEach((member, reason) -> {
                // a reason is text, not a message template: braces, dollars and backslashes escaped
                var violation = context.buildConstraintViolationWithTemplate(reason.replace("\\", "\\\\")
                        .replace("{", "\\{").replace("}", "\\}").replace("$", "\\$"));
                if (member.isEmpty()) {
                    violation.addConstraintViolation();
                } else {
                    violation.addPropertyNode(member).addConstraintViolation();
                }
            });
            return object.broken().isEmpty();
        }
    }
}
