package org.doorstep.local.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The sum of one metric over the instances of a service, read from their Prometheus endpoints as an operator would
 * (the actuator needs an operator's or auditor's token).
 */
final class PrometheusSum {

    private final Http http;
    private final List<String> urls;
    private final String token;

    PrometheusSum(Http http, List<String> urls, String token) {
        this.http = http;
        this.urls = List.copyOf(urls);
        this.token = token;
    }

    /** The metric summed over every instance and label set; null when an instance does not answer or none exports it. */
    Double of(String metric) {
        double sum = 0;
        boolean found = false;
        for (String url : urls) {
            try {
                Http.Reply reply = http.send("GET", url + "/actuator/prometheus", token, null, "text/plain")
                        .get(10, TimeUnit.SECONDS);
                if (reply.status() != 200) {
                    return null;
                }
                for (String line : reply.body().split("\n")) {
                    if (line.startsWith(metric) && line.length() > metric.length()
                            && (line.charAt(metric.length()) == '{' || line.charAt(metric.length()) == ' ')) {
                        sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                        found = true;
                    }
                }
            } catch (Exception e) {
                return null;
            }
        }
        return found ? sum : null;
    }
}
