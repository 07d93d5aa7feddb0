package org.doorstep.matching.scoring;

/** A posting's pay range. */
public record Salary(double min, double max, String currency, SalaryPeriod period) {

    public double monthlyMax() {
        return period.monthly(Math.max(min, max));
    }
}
