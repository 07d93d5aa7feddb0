package org.doorstep.notifications.partner;

import java.util.List;

/** The copy of a partner job board's registry entry: only the SHA-256 hex hashes of its valid API keys. */
public record Partner(String partnerId, String name, String status, long version, List<String> keyHashes) {

    public Partner {
        keyHashes = keyHashes == null ? List.of() : List.copyOf(keyHashes);
    }

    public boolean active() {
        return "ACTIVE".equals(status);
    }
}
