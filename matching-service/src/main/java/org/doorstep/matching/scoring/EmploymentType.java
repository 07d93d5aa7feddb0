package org.doorstep.matching.scoring;

public enum EmploymentType { FULL_TIME, PART_TIME, TEMPORARY, INTERNSHIP, GIG }
