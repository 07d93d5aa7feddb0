package org.doorstep.matching.match;

public enum WithdrawalReason { POSTING_CLOSED, PROFILE_CHANGED, POSTING_CHANGED, SEEKER_ERASED, DISMISSED }
