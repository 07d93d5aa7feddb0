package org.doorstep.local;

import java.util.Optional;

/** One process of the platform as {@code ./doorstep status} shows it: running or not, and its health now. */
record ProcessHealth(String name, Optional<ManagedProcess> process, String health) {

    boolean healthy() {
        return health.equals("ready") || health.equals("accepting");
    }
}
