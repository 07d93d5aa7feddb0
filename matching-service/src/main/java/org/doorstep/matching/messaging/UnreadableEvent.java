package org.doorstep.matching.messaging;

/** A record that is not a valid event of its topic; the binder sends it to the dead-letter topic. */
class UnreadableEvent extends RuntimeException {

    UnreadableEvent(String message, Throwable cause) {
        super(message, cause);
    }
}
