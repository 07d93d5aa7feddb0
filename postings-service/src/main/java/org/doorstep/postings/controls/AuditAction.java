package org.doorstep.postings.controls;

/** What an operator did to a partner. */
public enum AuditAction { QUOTA_SET, QUOTA_REMOVED, PARTNER_SUSPENDED, PARTNER_REINSTATED }
