package org.doorstep.k8s;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;

/** Pod templates of the rendered workloads, and what their containers see. */
final class Workloads {

    private static final Pattern REFERENCE = Pattern.compile("\\$\\(([A-Za-z_][A-Za-z0-9_]*)\\)");

    record Workload(String kind, String name, PodTemplateSpec template) {
        @Override
        public String toString() {
            return kind + "/" + name;
        }

        List<Container> allContainers() {
            List<Container> containers = new ArrayList<>(template.getSpec().getContainers());
            if (template.getSpec().getInitContainers() != null) {
                containers.addAll(template.getSpec().getInitContainers());
            }
            return containers;
        }

        Map<String, String> podLabels() {
            return template.getMetadata().getLabels();
        }
    }

    private Workloads() {
    }

    static List<Workload> of(Manifests manifests) {
        List<Workload> workloads = new ArrayList<>();
        manifests.all(Deployment.class).forEach(d -> workloads.add(
                new Workload("Deployment", d.getMetadata().getName(), d.getSpec().getTemplate())));
        manifests.all(StatefulSet.class).forEach(s -> workloads.add(
                new Workload("StatefulSet", s.getMetadata().getName(), s.getSpec().getTemplate())));
        manifests.all(Job.class).forEach(j -> workloads.add(
                new Workload("Job", j.getMetadata().getName(), j.getSpec().getTemplate())));
        return workloads;
    }

    /** The one container of a service's Deployment. */
    static Container serviceContainer(Manifests manifests, String service) {
        List<Container> containers = manifests.one(Deployment.class, service).getSpec().getTemplate().getSpec()
                .getContainers();
        if (containers.size() != 1) {
            throw new AssertionError(service + " should run one container, runs " + containers.size());
        }
        return containers.getFirst();
    }

    /**
     * The environment as the kubelet builds it: envFrom ConfigMaps first, then env in order, each value with its
     * $(VAR) references expanded from what is defined before it. Secrets appear as {@code <secret:name/key>},
     * field references as {@code <field:path>}. A reference to an undefined variable stays as it is, as in
     * Kubernetes.
     */
    static Map<String, String> environment(Manifests manifests, Container container) {
        Map<String, String> environment = new LinkedHashMap<>();
        for (EnvFromSource source : container.getEnvFrom() == null ? List.<EnvFromSource>of() : container.getEnvFrom()) {
            if (source.getConfigMapRef() == null) {
                throw new AssertionError("only ConfigMaps are expected in envFrom: " + source);
            }
            environment.putAll(manifests.one(ConfigMap.class, source.getConfigMapRef().getName()).getData());
        }
        for (EnvVar variable : container.getEnv() == null ? List.<EnvVar>of() : container.getEnv()) {
            String value;
            if (variable.getValueFrom() == null) {
                value = expand(variable.getValue(), environment);
            } else if (variable.getValueFrom().getSecretKeyRef() != null) {
                value = "<secret:" + variable.getValueFrom().getSecretKeyRef().getName() + "/"
                        + variable.getValueFrom().getSecretKeyRef().getKey() + ">";
            } else if (variable.getValueFrom().getFieldRef() != null) {
                value = "<field:" + variable.getValueFrom().getFieldRef().getFieldPath() + ">";
            } else {
                throw new AssertionError("unexpected valueFrom " + variable.getValueFrom());
            }
            environment.put(variable.getName(), value);
        }
        return environment;
    }

    /** Names referenced as $(NAME) in the value that the environment before it does not define. */
    static List<String> undefinedReferences(String value, Map<String, String> defined) {
        List<String> undefined = new ArrayList<>();
        Matcher matcher = REFERENCE.matcher(value == null ? "" : value);
        while (matcher.find()) {
            if (!defined.containsKey(matcher.group(1))) {
                undefined.add(matcher.group(1));
            }
        }
        return undefined;
    }

    private static String expand(String value, Map<String, String> defined) {
        if (value == null) {
            return "";
        }
        Matcher matcher = REFERENCE.matcher(value);
        StringBuilder expanded = new StringBuilder();
        while (matcher.find()) {
            String replacement = defined.getOrDefault(matcher.group(1), matcher.group());
            matcher.appendReplacement(expanded, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(expanded);
        return expanded.toString();
    }

    /** The container port a probe or Service names, by number or by port name; -1 if the container has none. */
    static int resolvePort(Container container, IntOrString port) {
        if (port == null) {
            return -1;
        }
        if (port.getIntVal() != null) {
            return container.getPorts().stream().anyMatch(p -> p.getContainerPort().equals(port.getIntVal()))
                    ? port.getIntVal() : -1;
        }
        return container.getPorts().stream()
                .filter(p -> port.getStrVal().equals(p.getName()))
                .map(ContainerPort::getContainerPort)
                .findFirst().orElse(-1);
    }

    /** Kubernetes label selector semantics (matchLabels and matchExpressions In, NotIn, Exists, DoesNotExist). */
    static boolean selects(LabelSelector selector, Map<String, String> labels) {
        if (selector == null) {
            return false;
        }
        Map<String, String> actual = labels == null ? Map.of() : labels;
        if (selector.getMatchLabels() != null) {
            for (Map.Entry<String, String> required : selector.getMatchLabels().entrySet()) {
                if (!required.getValue().equals(actual.get(required.getKey()))) {
                    return false;
                }
            }
        }
        if (selector.getMatchExpressions() != null) {
            for (LabelSelectorRequirement requirement : selector.getMatchExpressions()) {
                String value = actual.get(requirement.getKey());
                boolean ok = switch (requirement.getOperator()) {
                    case "In" -> value != null && requirement.getValues().contains(value);
                    case "NotIn" -> value == null || !requirement.getValues().contains(value);
                    case "Exists" -> value != null;
                    case "DoesNotExist" -> value == null;
                    default -> throw new AssertionError("unknown operator " + requirement.getOperator());
                };
                if (!ok) {
                    return false;
                }
            }
        }
        return true;
    }
}
