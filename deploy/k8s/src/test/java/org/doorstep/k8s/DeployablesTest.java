package org.doorstep.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/**
 * The rule for what gets manifests, made explicit: every module of the build that packages a Spring Boot application is
 * either one of the four services (each with its Deployment in the base) or named here as a local tool that is not
 * deployed. The web console (module {@code console}) is such a tool for now: {@code ./doorstep up} runs it; a cluster
 * would need its Deployment, Service, an ingress and NetworkPolicies that let it reach the four services' APIs.
 */
class DeployablesTest {

    private static final Path ROOT = Manifests.MODULE.resolve("../..").normalize();
    /** Spring Boot applications that run on the local platform only. */
    private static final Set<String> LOCAL_ONLY = Set.of("console");

    @Test
    void everyBootApplicationOfTheBuildIsADeployedServiceOrNamedAsLocalOnly() throws Exception {
        List<String> applications = new ArrayList<>();
        for (String module : modules()) {
            Path pom = ROOT.resolve(module).resolve("pom.xml");
            if (Files.readString(pom).contains("<artifactId>spring-boot-maven-plugin</artifactId>")) {
                applications.add(module);
            }
        }

        assertThat(applications).as("the Spring Boot applications of the build").containsAll(Manifests.SERVICES).containsAll(LOCAL_ONLY);
        for (String application : applications) {
            assertThat(Manifests.SERVICES.contains(application) || LOCAL_ONLY.contains(application))
                    .as(application + " has manifests in deploy/k8s (add it to Manifests.SERVICES) or is named local-only here").isTrue();
        }
        for (String service : Manifests.SERVICES) {
            assertThat(ROOT.resolve("deploy/k8s/base").resolve(service).resolve("deployment.yaml")).isRegularFile();
        }
        for (String local : LOCAL_ONLY) {
            assertThat(ROOT.resolve("deploy/k8s/base").resolve(local)).as(local + " is local-only: no manifests").doesNotExist();
        }
    }

    private static List<String> modules() throws Exception {
        Document pom = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(ROOT.resolve("pom.xml").toFile());
        NodeList nodes = (NodeList) XPathFactory.newInstance().newXPath()
                .evaluate("/*[local-name()='project']/*[local-name()='modules']/*[local-name()='module']", pom, XPathConstants.NODESET);
        List<String> modules = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            modules.add(nodes.item(i).getTextContent().trim());
        }
        return modules;
    }
}
