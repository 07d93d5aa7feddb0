package org.doorstep.postings.posting;

public enum EmploymentType { FULL_TIME, PART_TIME, TEMPORARY, INTERNSHIP, GIG }
