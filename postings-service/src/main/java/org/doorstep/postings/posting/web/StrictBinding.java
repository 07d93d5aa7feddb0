package org.doorstep.postings.posting.web;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.validation.constraints.Size;
import org.doorstep.postings.problem.Violation;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamContext;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.BeanProperty;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.deser.DeserializationProblemHandler;
import tools.jackson.databind.deser.ValueDeserializerModifier;
import tools.jackson.databind.deser.std.DelegatingDeserializer;
import tools.jackson.databind.deser.std.StdDeserializer;
import tools.jackson.databind.type.CollectionType;

/**
 * Binds a body strictly, so that no problem is coerced away and each is named. A value is read only from its own
 * JSON type: no {@code "true"} for a boolean, no {@code 42} for a string, no {@code 2.5} for an integer, no {@code 3}
 * or {@code "basic"} for an enum, only an object for a record and an array for a list (Jackson's deserializers
 * coerce such values, and with coercion off throw at the first without asking a problem handler). A whole number
 * beyond {@code int} saturates, so that its range constraint names it. Strings are stripped or read as sent, as the
 * service says: the blanks around what a person typed into a profile are not part of it (seekers), while a partner's
 * text is stored and published as sent, and a title that ends in U+2028 is refused rather than quietly trimmed
 * (postings; stripping takes that separator away as blank).
 * <p>
 * The same copy in seekers-service and postings-service ({@code ServiceCopiesTest}).
 */
final class StrictBinding extends ValueDeserializerModifier {

    /** The attribute of a read that holds the list its {@link Problems} go to. */
    static final String PROBLEMS = StrictBinding.class.getName();

    private final Map<Class<?>, ValueDeserializer<?>> scalars;

    /** @param strip whether strings are stripped of the blanks around them, or read as sent */
    StrictBinding(boolean strip) {
        this.scalars = Map.of(
                String.class, new Scalar(String.class, "must be a string", p -> !p.hasToken(JsonToken.VALUE_STRING)
                        ? null : strip ? p.getString().strip() : p.getString()),
                Boolean.class, new Scalar(Boolean.class, "must be true or false",
                        p -> p.currentToken().isBoolean() ? p.getBooleanValue() : null),
                Double.class, new Scalar(Double.class, "must be a number",
                        p -> p.currentToken().isNumeric() ? p.getDoubleValue() : null),
                Integer.class, new Scalar(Integer.class, "must be an integer", p -> p.currentToken().isNumeric()
                        && p.getDoubleValue() == Math.rint(p.getDoubleValue()) ? (int) p.getDoubleValue() : null));
    }

    @Override
    public ValueDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription.Supplier description,
                                                   ValueDeserializer<?> deserializer) {
        return description.isRecordType()
                ? new Container(deserializer, JsonToken.START_OBJECT, "must be an object", Integer.MAX_VALUE)
                : scalars.getOrDefault(description.getBeanClass(), deserializer);
    }

    @Override
    public ValueDeserializer<?> modifyEnumDeserializer(DeserializationConfig config, JavaType type,
                                                       BeanDescription.Supplier description, ValueDeserializer<?> deserializer) {
        Map<String, Object> byName = Arrays.stream(type.getRawClass().getEnumConstants())
                .collect(Collectors.toMap(constant -> ((Enum<?>) constant).name(), constant -> constant));
        return new Scalar(type.getRawClass(), "must be one of " + byName.keySet().stream().sorted().toList(),
                p -> p.hasToken(JsonToken.VALUE_STRING) ? byName.get(p.getString()) : null);
    }

    @Override
    public ValueDeserializer<?> modifyCollectionDeserializer(DeserializationConfig config, CollectionType type,
                                                             BeanDescription.Supplier description,
                                                             ValueDeserializer<?> deserializer) {
        return new Container(deserializer, JsonToken.START_ARRAY, "must be an array", Integer.MAX_VALUE);
    }

    /** {@code read} gives the value, or null where the parser is not at one of its type. */
    private static final class Scalar extends StdDeserializer<Object> {

        private final String reason;
        private final Function<JsonParser, Object> read;

        Scalar(Class<?> type, String reason, Function<JsonParser, Object> read) {
            super(type);
            this.reason = reason;
            this.read = read;
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext context) {
            Object value = read.apply(p);
            return value != null ? value : context.handleUnexpectedToken(getValueType(context), p.currentToken(), p, reason);
        }
    }

    /**
     * A record or a list, read only from the JSON type that {@code start} starts. A list longer than its {@link Size}
     * allows is cut to one item more: it is named too long all the same, and a body of many thousand items is not
     * validated item by item.
     */
    private static final class Container extends DelegatingDeserializer {

        private final JsonToken start;
        private final String reason;
        private final int maxItems;

        Container(ValueDeserializer<?> container, JsonToken start, String reason, int maxItems) {
            super(container);
            this.start = start;
            this.reason = reason;
            this.maxItems = maxItems;
        }

        @Override
        protected ValueDeserializer<?> newDelegatingInstance(ValueDeserializer<?> container) {
            return new Container(container, start, reason, maxItems);
        }

        @Override
        public ValueDeserializer<?> createContextual(DeserializationContext context, BeanProperty property) {
            Container contextual = (Container) super.createContextual(context, property);
            Size size = property == null ? null : property.getAnnotation(Size.class);
            return size == null ? contextual : new Container(contextual._delegatee, start, reason, size.max());
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext context) {
            if (!p.hasToken(start)) {
                return context.handleUnexpectedToken(getValueType(context), p.currentToken(), p, reason);
            }
            Object value = super.deserialize(p, context);
            return value instanceof List<?> items && items.size() > maxItems ? items.subList(0, maxItems + 1) : value;
        }
    }

    /**
     * Records what cannot be bound with the JSON path of its field and lets the read go on: an unknown member is
     * skipped, a value not of its type stands as null, or as {@code ""} where a string belongs, so that it still counts
     * as given (a skill whose label is a number has a bad label, not none).
     */
    static final class Problems extends DeserializationProblemHandler {

        @Override
        public boolean handleUnknownProperty(DeserializationContext context, JsonParser p,
                                             ValueDeserializer<?> deserializer, Object beanOrClass, String propertyName) {
            String holder = holder(context.getParser(), p);
            record(context, holder.isEmpty() ? propertyName : holder + "." + propertyName, "unknown property");
            p.skipChildren();
            return true;
        }

        @Override
        public Object handleUnexpectedToken(DeserializationContext context, JavaType targetType, JsonToken token,
                                            JsonParser p, String reason) {
            TokenStreamContext at = p.streamReadContext();
            record(context, path(p.isExpectedStartObjectToken() || p.isExpectedStartArrayToken() ? at.getParent() : at),
                    reason);
            p.skipChildren();
            return targetType.hasRawClass(String.class) ? "" : null;
        }

        @SuppressWarnings("unchecked")
        private static void record(DeserializationContext context, String path, String reason) {
            ((List<Violation>) context.getAttribute(PROBLEMS)).add(new Violation(path, reason));
        }

        /**
         * The path of the object holding an unknown member. Jackson hands over the unknown members of a record it
         * has not built yet from a buffer of their own ({@code p}), whose context is not the document's; the
         * document's parser is then at the object's next member name or at its end.
         */
        private static String holder(JsonParser document, JsonParser p) {
            TokenStreamContext at = document.streamReadContext();
            if (document == p && (p.isExpectedStartObjectToken() || p.isExpectedStartArrayToken())) {
                at = at.getParent();
            }
            return path(document.hasToken(JsonToken.END_OBJECT) ? at : at.getParent());
        }

        /** The path of the value {@code at} is at, as {@code skills[0].level}. */
        private static String path(TokenStreamContext at) {
            StringBuilder path = new StringBuilder();
            for (; at != null && !at.inRoot(); at = at.getParent()) {
                path.insert(0, at.inArray() ? "[" + at.getCurrentIndex() + "]" : "." + at.currentName());
            }
            return path.isEmpty() || path.charAt(0) != '.' ? path.toString() : path.substring(1);
        }
    }
}
