package org.doorstep.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.kafka.listener.GenericKafkaListener;
import io.strimzi.api.kafka.model.user.KafkaUser;
import io.strimzi.api.kafka.model.user.KafkaUserScramSha512ClientAuthentication;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.PropertySourcesPlaceholdersResolver;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.cloud.stream.binder.kafka.properties.KafkaBinderConfigurationProperties;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.FileSystemResource;

/**
 * Each service, as its Deployment configures it, talks to Kafka the way the cluster demands: SASL_SSL, the SCRAM
 * mechanism of the listener, its own KafkaUser's credentials, the cluster CA as truststore. Checked by binding the
 * Deployment's environment and the service's application.yml with Spring Boot's own binder into Boot's
 * {@link KafkaProperties} and the Kafka binder's {@link KafkaBinderConfigurationProperties}, and reading the client
 * configuration they build, as the services' Spring-built clients do.
 */
class KafkaClientConfigurationTest {

    private static final Pattern OWN_CLIENT = Pattern.compile("new KafkaProducer<|new KafkaConsumer<|Admin\\.create\\("
            + "|AdminClient\\.create\\(|new DefaultKafkaProducerFactory<|new DefaultKafkaConsumerFactory<");
    private static final Pattern READS_SPRING_KAFKA = Pattern.compile("KafkaProperties|build(Producer|Consumer|Admin)"
            + "Properties|merged(Producer|Consumer)Configuration");

    static Stream<Arguments> deployments() {
        return Manifests.all().stream().flatMap(manifests -> Manifests.SERVICES.stream()
                .map(service -> Arguments.of(manifests, service)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("deployments")
    void buildsEveryKafkaClientConfigurationOfSpringAndTheBinderForTheTlsAndScramListener(Manifests manifests,
                                                                                         String service) {
        Map<String, Object> expected = expectedSecurity(manifests, service);
        Binder binder = binder(manifests, service);
        KafkaProperties boot = binder.bindOrCreate("spring.kafka", KafkaProperties.class);
        KafkaBinderConfigurationProperties cloudStream = new KafkaBinderConfigurationProperties(boot,
                new StaticListableBeanFactory().getBeanProvider(KafkaConnectionDetails.class));
        binder.bind("spring.cloud.stream.kafka.binder", Bindable.ofInstance(cloudStream));

        assertThat(boot.buildProducerProperties()).as(service + " Boot producer").containsAllEntriesOf(expected);
        assertThat(boot.buildConsumerProperties()).as(service + " Boot consumer").containsAllEntriesOf(expected);
        assertThat(boot.buildAdminProperties()).as(service + " Boot admin").containsAllEntriesOf(expected);
        assertThat(cloudStream.mergedProducerConfiguration()).as(service + " binder producer").containsAllEntriesOf(expected);
        assertThat(cloudStream.mergedConsumerConfiguration()).as(service + " binder consumer").containsAllEntriesOf(expected);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("deployments")
    void logsEachServiceInAsItsOwnKafkaUser(Manifests manifests, String service) {
        Container container = Workloads.serviceContainer(manifests, service);
        List<String> credentials = new ArrayList<>();
        for (EnvVar variable : container.getEnv()) {
            if (variable.getValueFrom() != null && variable.getValueFrom().getSecretKeyRef() != null
                    && variable.getName().startsWith("SPRING_KAFKA")) {
                credentials.add(variable.getValueFrom().getSecretKeyRef().getName() + "/"
                        + variable.getValueFrom().getSecretKeyRef().getKey());
            }
        }
        KafkaUser user = StrimziModel.one(manifests, KafkaUser.class, service);

        assertThat(credentials).containsExactly(service + "/sasl.jaas.config");
        assertThat(user.getSpec().getAuthentication()).isInstanceOfSatisfying(KafkaUserScramSha512ClientAuthentication.class,
                scram -> assertThat(scram.getPassword()).as("Strimzi generates the password and the JAAS line").isNull());
    }

    @ParameterizedTest
    @MethodSource("renders")
    void logsKedaInAsItsOwnKafkaUserOverTlsTrustingTheClusterCa(Manifests manifests) {
        String cluster = StrimziModel.kafka(manifests).getMetadata().getName();
        for (String service : ScalingTest.LAG_TOPICS.keySet()) {
            Map<String, Object> metadata = ScalingTest.kafkaTrigger(manifests, service);
            GenericKubernetesResource scaledObject = ScalingTest.scaledObjectsOf(manifests, service).getFirst();
            Map<String, Object> trigger = Tree.list(scaledObject, "spec", "triggers").stream()
                    .filter(candidate -> "kafka".equals(candidate.get("type"))).findFirst().orElseThrow();
            @SuppressWarnings("unchecked")
            String authentication = (String) ((Map<String, Object>) trigger.get("authenticationRef")).get("name");
            Map<String, String> parameters = new TreeMap<>();
            for (Map<String, Object> target : Tree.list(manifests.oneCustom("TriggerAuthentication", authentication),
                    "spec", "secretTargetRef")) {
                parameters.put((String) target.get("parameter"), target.get("name") + "/" + target.get("key"));
            }

            assertThat(metadata).as(service).containsEntry("sasl", "scram_sha512").containsEntry("tls", "enable");
            assertThat(parameters).as(service).isEqualTo(Map.of(
                    "username", "doorstep-kafka-keda/username",
                    "password", "doorstep-kafka-keda/password",
                    "ca", cluster + "-cluster-ca-cert/ca.crt"));
        }
        assertThat(StrimziModel.one(manifests, KafkaUser.class, "keda").getSpec().getAuthentication())
                .isInstanceOfSatisfying(KafkaUserScramSha512ClientAuthentication.class, scram -> assertThat(
                        scram.getPassword().getValueFrom().getSecretKeyRef().getName()).isEqualTo("doorstep-kafka-keda"));
    }

    @ParameterizedTest
    @MethodSource("services")
    void startsKafkasOwnProducerConsumerAndAdminClientWithTheConfigurationSpringBuilds(String service) {
        Map<String, Object> producer = asKubernetesWouldGiveIt(service, directory, clients(service).producer());
        Map<String, Object> consumer = asKubernetesWouldGiveIt(service, directory, clients(service).consumer());
        Map<String, Object> admin = asKubernetesWouldGiveIt(service, directory, clients(service).admin());

        // constructing a client sets up its TLS and SASL channel (truststore read, login module loaded); none connects
        assertThatCode(() -> new KafkaProducer<>(producer, new ByteArraySerializer(), new ByteArraySerializer())
                .close(Duration.ZERO)).as(service + " producer").doesNotThrowAnyException();
        assertThatCode(() -> new KafkaConsumer<>(consumer, new ByteArrayDeserializer(), new ByteArrayDeserializer())
                .close(CloseOptions.timeout(Duration.ZERO))).as(service + " consumer").doesNotThrowAnyException();
        assertThatCode(() -> Admin.create(admin).close(Duration.ZERO)).as(service + " admin").doesNotThrowAnyException();
    }

    @Test
    void refusesToStartAClientWhoseTruststoreIsNotWhatItsTypeSays() {
        Map<String, Object> producer = asKubernetesWouldGiveIt("matching-service", directory,
                clients("matching-service").producer());
        producer.put("ssl.truststore.type", "PKCS12");

        assertThatThrownBy(() -> new KafkaProducer<>(producer, new ByteArraySerializer(), new ByteArraySerializer()).close())
                .isInstanceOf(KafkaException.class);
    }

    /**
     * Kafka clients a service builds from a bare property map (bootstrap servers and tuning only), outside Spring's
     * configuration, would not see spring.kafka.* and could not log in to the TLS and SCRAM listener: there are none
     * (every producer is made by the service's {@code KafkaProducers}, topics are created by Spring's KafkaAdmin).
     */
    @Test
    void noServiceBuildsAKafkaClientThatIgnoresTheSecuritySettings() {
        assertThat(clientsIgnoringSpringKafka()).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("renders")
    void leavesTopicsToStrimziWhoseServiceUsersMayNotCreateThem(Manifests manifests) {
        Manifests.SERVICES.forEach(service -> assertThat(Workloads.environment(manifests,
                Workloads.serviceContainer(manifests, service)).get("DOORSTEP_CREATE_TOPICS")).as(service).isEqualTo("false"));
    }

    static List<Manifests> renders() {
        return Manifests.all();
    }

    /** Holds the stand-in of the cluster CA's certificate for the whole class. */
    @TempDir
    static Path directory;

    static List<String> services() {
        return Manifests.SERVICES;
    }

    /** The client configurations the service's Spring builds on the base render: the binder's, else Boot's. */
    private record Clients(Map<String, Object> producer, Map<String, Object> consumer, Map<String, Object> admin) {
    }

    private static Clients clients(String service) {
        Manifests manifests = Manifests.base();
        Binder binder = binder(manifests, service);
        KafkaProperties boot = binder.bindOrCreate("spring.kafka", KafkaProperties.class);
        KafkaBinderConfigurationProperties cloudStream = new KafkaBinderConfigurationProperties(boot,
                new StaticListableBeanFactory().getBeanProvider(KafkaConnectionDetails.class));
        binder.bind("spring.cloud.stream.kafka.binder", Bindable.ofInstance(cloudStream));
        return new Clients(cloudStream.mergedProducerConfiguration(), cloudStream.mergedConsumerConfiguration(),
                boot.buildAdminProperties());
    }

    /**
     * The configuration with what Kubernetes would put in place: the JAAS line as Strimzi's User Operator writes it
     * into the user's Secret, a cluster CA certificate (PEM) at the mounted path, a broker address nobody answers on.
     */
    private static Map<String, Object> asKubernetesWouldGiveIt(String service, Path directory, Map<String, Object> built) {
        Map<String, Object> configuration = new LinkedHashMap<>(built);
        assertThat(configuration.get("sasl.jaas.config")).isEqualTo("<secret:" + service + "/sasl.jaas.config>");
        configuration.put("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required "
                + "username=\"" + service + "\" password=\"generated-by-the-user-operator\";");
        assertThat(configuration.get("ssl.truststore.location")).isEqualTo("/etc/doorstep/kafka-ca/ca.crt");
        configuration.put("ssl.truststore.location", clusterCaCertificate(directory).toString());
        configuration.put("bootstrap.servers", "127.0.0.1:9");
        configuration.put("group.id", service);
        configuration.remove("key.serializer");
        configuration.remove("value.serializer");
        configuration.remove("key.deserializer");
        configuration.remove("value.deserializer");
        return configuration;
    }

    /** A self-signed CA certificate in PEM, as Strimzi keeps in ca.crt of &lt;cluster&gt;-cluster-ca-cert. */
    private static Path clusterCaCertificate(Path directory) {
        Path certificate = directory.resolve("ca.crt");
        if (Files.exists(certificate)) {
            return certificate;
        }
        Path keystore = directory.resolve("ca.p12");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        run(keytool, "-genkeypair", "-alias", "ca", "-keyalg", "EC", "-dname", "CN=cluster-ca v0, O=io.strimzi",
                "-ext", "bc:c", "-validity", "2", "-keystore", keystore.toString(), "-storetype", "PKCS12",
                "-storepass", "changeit");
        run(keytool, "-exportcert", "-rfc", "-alias", "ca", "-keystore", keystore.toString(), "-storepass", "changeit",
                "-file", certificate.toString());
        return certificate;
    }

    private static void run(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            assertThat(process.waitFor()).as(String.join(" ", command) + "\n" + output).isZero();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** What every Kafka client of the service must be configured with, from the cluster and the Deployment. */
    private static Map<String, Object> expectedSecurity(Manifests manifests, String service) {
        Kafka kafka = StrimziModel.kafka(manifests);
        GenericKafkaListener listener = kafka.getSpec().getKafka().getListeners().getFirst();
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("security.protocol", listener.isTls() ? "SASL_SSL" : "SASL_PLAINTEXT");
        expected.put("sasl.mechanism", listener.getAuth().getType().toUpperCase());
        expected.put("sasl.jaas.config", "<secret:" + service + "/sasl.jaas.config>");
        expected.put("ssl.truststore.type", "PEM");
        expected.put("ssl.truststore.location", mountedFile(manifests, service,
                kafka.getMetadata().getName() + "-cluster-ca-cert", "ca.crt"));
        assertThat(expected.get("sasl.mechanism")).isEqualTo("SCRAM-SHA-512");
        return expected;
    }

    /** Where the container sees one key of a Secret it mounts. */
    private static String mountedFile(Manifests manifests, String service, String secret, String key) {
        Deployment deployment = manifests.one(Deployment.class, service);
        for (Volume volume : deployment.getSpec().getTemplate().getSpec().getVolumes()) {
            if (volume.getSecret() == null || !secret.equals(volume.getSecret().getSecretName())) {
                continue;
            }
            for (KeyToPath item : volume.getSecret().getItems()) {
                if (!item.getKey().equals(key)) {
                    continue;
                }
                for (VolumeMount mount : Workloads.serviceContainer(manifests, service).getVolumeMounts()) {
                    if (mount.getName().equals(volume.getName())) {
                        return mount.getMountPath() + "/" + item.getPath();
                    }
                }
            }
        }
        throw new AssertionError(service + " does not mount " + secret + "/" + key);
    }

    /**
     * Spring Boot's binder over what the service sees on Kubernetes: the Deployment's environment (as the system
     * environment, with Boot's mapping of SPRING_KAFKA_... names) before the default document of its application.yml.
     */
    private static Binder binder(Manifests manifests, String service) {
        Map<String, Object> environment = new LinkedHashMap<>(
                Workloads.environment(manifests, Workloads.serviceContainer(manifests, service)));
        MutablePropertySources sources = new MutablePropertySources();
        sources.addLast(new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, environment));
        Path yaml = Manifests.MODULE.resolve("../../" + service + "/src/main/resources/application.yml").normalize();
        try {
            List<PropertySource<?>> documents = new YamlPropertySourceLoader().load("application.yml",
                    new FileSystemResource(yaml));
            sources.addLast(documents.getFirst());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Binder(ConfigurationPropertySources.from(sources), new PropertySourcesPlaceholdersResolver(sources));
    }

    private static List<String> clientsIgnoringSpringKafka() {
        Path root = Manifests.MODULE.resolve("../..").normalize();
        List<String> found = new ArrayList<>();
        for (String service : Manifests.SERVICES) {
            Path sources = root.resolve(service).resolve("src/main/java");
            try (Stream<Path> files = Files.walk(sources)) {
                for (Path file : files.filter(path -> path.toString().endsWith(".java")).sorted().toList()) {
                    String code = Files.readString(file);
                    if (OWN_CLIENT.matcher(code).find() && !READS_SPRING_KAFKA.matcher(code).find()) {
                        found.add(root.relativize(file).toString());
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return found.stream().sorted().toList();
    }
}
