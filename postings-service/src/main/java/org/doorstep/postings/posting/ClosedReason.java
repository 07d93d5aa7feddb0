package org.doorstep.postings.posting;

/** Why a posting closed: its partner closed it, its validThrough passed, or the operators suspended its partner. */
public enum ClosedReason { PARTNER, EXPIRED, SUSPENDED }
