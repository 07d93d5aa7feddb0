package org.doorstep.local;

import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

/**
 * How many instances of each service {@code ./doorstep up --replicas notification=2,matching=2} runs.
 * Only the services that scale through Kafka consumer groups take replicas here: postings-service and
 * seekers-service serve HTTP only, and a second instance of them would need a load balancer in front.
 */
public record Replicas(Map<DoorstepService, Integer> counts) {

    static final int MAX = 4;
    private static final Set<DoorstepService> SCALABLE = Set.of(DoorstepService.MATCHING, DoorstepService.NOTIFICATION);

    public Replicas {
        counts = Map.copyOf(counts);
    }

    public static Replicas single() {
        return new Replicas(Map.of());
    }

    /** Parses {@code notification=2,matching=2}; a service is named by its short name or its module. */
    public static Replicas parse(String text) {
        Map<DoorstepService, Integer> counts = new EnumMap<>(DoorstepService.class);
        for (String part : text.split(",")) {
            if (part.isBlank()) {
                continue;
            }
            String[] pair = part.trim().split("=", 2);
            DoorstepService service = service(pair[0].trim());
            if (!SCALABLE.contains(service)) {
                throw new PlatformException("--replicas: " + service.module() + " runs as one instance here (it serves HTTP"
                        + " only; scale matching and notification, which share their work through Kafka consumer groups)");
            }
            int count;
            try {
                count = Integer.parseInt(pair.length == 2 ? pair[1].trim() : "");
            } catch (NumberFormatException e) {
                throw new PlatformException("--replicas: '" + part.trim() + "' is not <service>=<count>, e.g. notification=2,matching=2");
            }
            if (count < 1 || count > MAX) {
                throw new PlatformException("--replicas: " + service.module() + "=" + count + " (1 to " + MAX + " instances)");
            }
            counts.put(service, count);
        }
        return new Replicas(counts);
    }

    public int of(DoorstepService service) {
        return counts.getOrDefault(service, 1);
    }

    private static DoorstepService service(String name) {
        for (DoorstepService service : DoorstepService.values()) {
            String module = service.module();
            if (module.equals(name) || module.substring(0, module.indexOf('-')).equals(name)) {
                return service;
            }
        }
        throw new PlatformException("--replicas: no service named '" + name + "' (matching, notification)");
    }
}
