package org.doorstep.local;

import java.util.Locale;

/**
 * The names an operator may give a platform process: the recorded ones ({@code mongo}, {@code kafka},
 * {@code matching-service}, {@code matching-service-2}) and their short forms ({@code store}, {@code broker},
 * {@code matching}, {@code matching-2}).
 */
final class ProcessName {

    private ProcessName() {
    }

    /** The recorded name {@code name} stands for. */
    static String canonical(String name) {
        String given = name.trim().toLowerCase(Locale.ROOT);
        switch (given) {
            case "mongo", "store", "mongodb" -> {
                return "mongo";
            }
            case "kafka", "broker" -> {
                return "kafka";
            }
            case WebConsole.NAME, "web-console" -> {
                return WebConsole.NAME;
            }
            default -> {
                for (DoorstepService service : DoorstepService.values()) {
                    String shortName = service.module().substring(0, service.module().indexOf('-'));
                    for (String prefix : new String[] {service.module(), shortName}) {
                        if (given.equals(prefix)) {
                            return service.module();
                        }
                        if (given.startsWith(prefix + "-") && given.substring(prefix.length() + 1).matches("[1-9][0-9]?")) {
                            int index = Integer.parseInt(given.substring(prefix.length() + 1));
                            return index == 1 ? service.module() : service.module() + "-" + index;
                        }
                    }
                }
                throw new PlatformException(name + " is not a platform process: give mongo, kafka, console, a service (postings,"
                        + " seekers, matching, notification or its module name) or an instance such as matching-2");
            }
        }
    }

    /** The service instance a recorded service process name ({@code matching-service-2}) stands for. */
    static ServiceInstance instance(String recordedName, PlatformSettings settings) {
        for (DoorstepService service : DoorstepService.values()) {
            if (recordedName.equals(service.module())) {
                return ServiceInstance.of(service, 1, settings);
            }
            if (recordedName.startsWith(service.module() + "-")) {
                return ServiceInstance.of(service, Integer.parseInt(recordedName.substring(service.module().length() + 1)), settings);
            }
        }
        throw new PlatformException(recordedName + " is not a service process");
    }
}
