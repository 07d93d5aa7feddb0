package org.doorstep.matching.scoring;

import java.util.Locale;

public enum Accommodation {
    WHEELCHAIR_ACCESS, SIGN_LANGUAGE, FLEXIBLE_HOURS, ASSISTIVE_TECH, ACCESSIBLE_TRANSPORT, SCREEN_READER;

    public String phrase() {
        return name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
