package org.doorstep.postings.posting.web;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import org.doorstep.postings.web.PrintableText;

/**
 * The rules of a posting that Bean Validation has no constraint for. Each names its own reason, as precise as the
 * partner needs to fix the value (which character, at which position), so each builds its violation itself.
 */
final class PostingConstraints {

    private PostingConstraints() {
    }

    /** Why {@code externalId} cannot be a posting's id (the path's, or a batch line's), or null when it can. */
    static String externalIdProblem(String externalId) {
        if (externalId == null || !EXTERNAL_ID.matcher(externalId).matches()) {
            return "must be 1 to 200 characters without whitespace, '/', '?', '#', '%' or '\\'";
        }
        return PrintableText.identifierProblem(externalId);
    }

    private static final java.util.regex.Pattern EXTERNAL_ID = java.util.regex.Pattern.compile("[^\\s/?#%\\\\]{1,200}");

    /** Names {@code reason} as the only violation; the reason is text, not a message template. */
    private static boolean refuse(ConstraintValidatorContext context, String reason) {
        if (reason == null) {
            return true;
        }
        context.disableDefaultConstraintViolation();
        context.buildConstraintViolationWithTemplate(literal(reason)).addConstraintViolation();
        return false;
    }

    /** A message template that reads as {@code text}: braces, dollars and backslashes escaped. */
    static String literal(String text) {
        return text.replace("\\", "\\\\").replace("{", "\\{").replace("}", "\\}").replace("$", "\\$");
    }

    /**
     * Text a partner gives, where given: not blank, at most {@code max} characters (code points, so that an emoji
     * counts once), printable ({@link PrintableText}: line breaks only where {@code lines}), and, where a
     * {@code pattern} is given, of that form. One reason per value, the first rule it breaks.
     */
    @Constraint(validatedBy = Text.Check.class)
    @Target({FIELD, TYPE_USE})
    @Retention(RUNTIME)
    @interface Text {
        int max();
        boolean lines() default false;
        String pattern() default "";
        String mismatch() default "";
        String message() default "";
        Class<?>[] groups() default {};
        Class<? extends Payload>[] payload() default {};

        final class Check implements ConstraintValidator<Text, String> {
            private Text rule;
            private java.util.regex.Pattern pattern;

            @Override
            public void initialize(Text rule) {
                this.rule = rule;
                this.pattern = rule.pattern().isEmpty() ? null : java.util.regex.Pattern.compile(rule.pattern());
            }

            @Override
            public boolean isValid(String value, ConstraintValidatorContext context) {
                return value == null || refuse(context, problem(value));
            }

            private String problem(String value) {
                if (value.isBlank()) {
                    return "must not be blank";
                }
                if (value.codePointCount(0, value.length()) > rule.max()) {
                    return "must be at most " + rule.max() + " characters";
                }
                String unprintable = PrintableText.textProblem(value, rule.lines());
                if (unprintable != null) {
                    return unprintable;
                }
                return pattern == null || pattern.matcher(value).matches() ? null : rule.mismatch();
            }
        }
    }

    /** A posting's id: printable ({@link PrintableText#identifierProblem}) and usable in a URL path as it is. */
    @Constraint(validatedBy = ExternalId.Check.class)
    @Target({FIELD, TYPE_USE})
    @Retention(RUNTIME)
    @interface ExternalId {
        String message() default "";
        Class<?>[] groups() default {};
        Class<? extends Payload>[] payload() default {};

        final class Check implements ConstraintValidator<ExternalId, String> {
            @Override
            public boolean isValid(String value, ConstraintValidatorContext context) {
                return value == null || refuse(context, externalIdProblem(value));
            }
        }
    }

    /** A licence or certificate the job requires, by name ("forklift licence", "EU driving licence C"). */
    @Constraint(validatedBy = Licence.Check.class)
    @Target({FIELD, TYPE_USE})
    @Retention(RUNTIME)
    @interface Licence {
        int MAX = 100;
        String message() default "";
        Class<?>[] groups() default {};
        Class<? extends Payload>[] payload() default {};

        final class Check implements ConstraintValidator<Licence, String> {
            @Override
            public boolean isValid(String value, ConstraintValidatorContext context) {
                return value == null || refuse(context, value.isBlank() || value.length() > MAX
                        ? "must be the name of a licence or certificate, 1 to " + MAX + " characters"
                        : PrintableText.textProblem(value, false));
            }
        }
    }

    /** An ISO 4217 code that Java knows, so that what matching and the apps convert is a currency. */
    @Constraint(validatedBy = Currency.Check.class)
    @Target({FIELD, TYPE_USE})
    @Retention(RUNTIME)
    @interface Currency {
        String message() default "must be an ISO 4217 currency code such as CNY or EUR";
        Class<?>[] groups() default {};
        Class<? extends Payload>[] payload() default {};

        final class Check implements ConstraintValidator<Currency, String> {
            private static final Set<String> CODES = java.util.Currency.getAvailableCurrencies().stream()
                    .map(java.util.Currency::getCurrencyCode).collect(Collectors.toUnmodifiableSet());

            @Override
            public boolean isValid(String value, ConstraintValidatorContext context) {
                return value == null || value.isBlank() || value.length() > 3 || CODES.contains(value);
            }
        }
    }

    /**
     * An ISO-8601 date-time with offset, in the future and within one year of now: a posting expires by itself
     * (PostingExpiry), and one that would be open for years is a mistake. Now is the clock the validator is given
     * ({@link ConstraintValidatorContext#getClockProvider()}), the service's clock.
     */
    @Constraint(validatedBy = ValidThrough.Check.class)
    @Target({FIELD, TYPE_USE})
    @Retention(RUNTIME)
    @interface ValidThrough {
        String message() default "";
        Class<?>[] groups() default {};
        Class<? extends Payload>[] payload() default {};

        final class Check implements ConstraintValidator<ValidThrough, String> {
            @Override
            public boolean isValid(String value, ConstraintValidatorContext context) {
                return value == null || refuse(context, problem(value, context.getClockProvider().getClock().instant()));
            }

            private static String problem(String value, Instant now) {
                Instant instant;
                try {
                    instant = OffsetDateTime.parse(value).toInstant();
                } catch (DateTimeParseException e) {
                    return "must be an ISO-8601 date-time with offset, e.g. 2027-03-31T23:59:59Z";
                }
                if (!instant.isAfter(now)) {
                    return "must be in the future";
                }
                return instant.isAfter(now.atOffset(ZoneOffset.UTC).plusYears(1).toInstant())
                        ? "must be within one year" : null;
            }
        }
    }
}
