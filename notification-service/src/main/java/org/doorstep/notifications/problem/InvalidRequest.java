package org.doorstep.notifications.problem;

/** A request that names a field with an unacceptable value; mapped to a validation problem. */
public class InvalidRequest extends RuntimeException {

    private final String field;

    public InvalidRequest(String field, String reason) {
        super(reason);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
