package org.doorstep.matching.operator;

/** No or a wrong operator token. */
class NotAuthorised extends RuntimeException {

    NotAuthorised() {
        super("an operator token is required");
    }
}
