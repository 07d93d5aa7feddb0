package org.doorstep.matching.bench;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the reference data lives: {@code -Ddoorstep.shared-data}, else {@code ../shared/data} from the project root. */
public final class SharedData {

    private SharedData() {
    }

    public static Path folder() {
        String configured = System.getProperty("doorstep.shared-data");
        if (configured != null && Files.isDirectory(Path.of(configured))) {
            return Path.of(configured);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("../shared/data").normalize();
            if (Files.isDirectory(candidate.resolve("esco"))) {
                return candidate;
            }
        }
        return null;
    }

    /** The folder, or exits with a message: the commands need the data. */
    public static Path require() {
        Path folder = folder();
        if (folder == null) {
            System.err.println("../shared/data not found (set -Ddoorstep.shared-data=/path/to/shared/data)");
            System.exit(2);
        }
        return folder;
    }
}
