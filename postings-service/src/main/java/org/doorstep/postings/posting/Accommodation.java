package org.doorstep.postings.posting;

public enum Accommodation { WHEELCHAIR_ACCESS, SIGN_LANGUAGE, FLEXIBLE_HOURS, ASSISTIVE_TECH, ACCESSIBLE_TRANSPORT, SCREEN_READER }
