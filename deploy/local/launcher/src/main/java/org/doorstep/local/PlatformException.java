package org.doorstep.local;

/** A problem the operator can fix, reported as one clear line without a stack trace. */
public class PlatformException extends RuntimeException {

    public PlatformException(String message) {
        super(message);
    }

    public PlatformException(String message, Throwable cause) {
        super(message, cause);
    }
}
