package org.doorstep.postings.posting;

public record Salary(double min, double max, String currency, SalaryPeriod period) {
}
