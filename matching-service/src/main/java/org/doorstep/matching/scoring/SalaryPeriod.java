package org.doorstep.matching.scoring;

/** Pay periods and how many of each make a month (40-hour weeks). */
public enum SalaryPeriod {
    HOUR(173.33), DAY(21.67), WEEK(4.333), MONTH(1), YEAR(1.0 / 12);

    private final double perMonth;

    SalaryPeriod(double perMonth) {
        this.perMonth = perMonth;
    }

    public double monthly(double amount) {
        return amount * perMonth;
    }
}
