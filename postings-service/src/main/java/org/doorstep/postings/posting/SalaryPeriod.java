package org.doorstep.postings.posting;

public enum SalaryPeriod { HOUR, DAY, WEEK, MONTH, YEAR }
