package org.doorstep.local;

/**
 * One process of a service on the local platform. Instance 1 keeps the service's own name, port and log
 * ({@code matching-service}, 8083); instance n listens on the service's port + 100 x (n - 1) and is named
 * {@code matching-service-n}. Each has its own instance id ({@code DOORSTEP_INSTANCE_ID}), which
 * matching-service uses for its own seekers consumer group (every instance reads every seeker).
 */
public record ServiceInstance(DoorstepService service, int index, int port) {

    static final int PORT_STEP = 100;

    static ServiceInstance of(DoorstepService service, int index, PlatformSettings settings) {
        return new ServiceInstance(service, index, service.port(settings) + PORT_STEP * (index - 1));
    }

    public String name() {
        return index == 1 ? service.module() : service.module() + "-" + index;
    }

    public String instanceId() {
        return service.module() + "-" + index;
    }
}
