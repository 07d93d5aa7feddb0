package org.doorstep.console;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The console: serves the web front end (operator console and reference seeker app) and forwards
 * {@code /svc/{service}/api/...} and {@code /svc/{service}/actuator/prometheus} to the four services, same-origin, so
 * the services need no CORS and the browser's tokens go to no third origin (routes in application.yml).
 */
@SpringBootApplication
public class ConsoleApplication {

    public static void main(String[] args) {
        SpringApplication.run(ConsoleApplication.class, args);
    }
}
