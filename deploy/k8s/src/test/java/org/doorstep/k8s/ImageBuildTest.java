package org.doorstep.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;

import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.apps.Deployment;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/** The Deployments run what Jib builds: the image names and the user of the parent POM's Jib configuration. */
class ImageBuildTest {

    private static final Path PARENT_POM = Manifests.MODULE.resolve("../../pom.xml").normalize();

    @Test
    void runsTheImagesJibBuildsUnderTheUserJibSets() throws Exception {
        assertThat(PARENT_POM).as("the parent POM next to this module").isRegularFile();
        Document pom = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(PARENT_POM.toFile());
        String jib = "//*[local-name()='plugin'][*[local-name()='artifactId']='jib-maven-plugin']";
        String image = text(pom, jib + "//*[local-name()='to']/*[local-name()='image']");
        String user = text(pom, jib + "//*[local-name()='container']/*[local-name()='user']");
        assertThat(image).as("the Jib image the parent POM configures").isNotEmpty();

        assertThat(image).startsWith("doorstep/${project.artifactId}");
        assertThat(user).as("Jib container.user").matches("\\d+:\\d+");
        long uid = Long.parseLong(user.substring(0, user.indexOf(':')));
        long gid = Long.parseLong(user.substring(user.indexOf(':') + 1));
        assertThat(uid).as("non-root image user").isPositive();
        for (Manifests manifests : List.of(Manifests.base(), Manifests.dev(), Manifests.prod())) {
            for (String service : Manifests.SERVICES) {
                Deployment deployment = manifests.one(Deployment.class, service);
                PodSecurityContext context = deployment.getSpec().getTemplate().getSpec().getSecurityContext();
                assertThat(Workloads.serviceContainer(manifests, service).getImage()).as(manifests + " " + service)
                        .startsWith("doorstep/" + service);
                assertThat(context.getRunAsUser()).as(manifests + " " + service).isEqualTo(uid);
                assertThat(context.getRunAsGroup()).as(manifests + " " + service).isEqualTo(gid);
            }
        }
    }

    private static String text(Document document, String xpath) throws Exception {
        return ((String) XPathFactory.newInstance().newXPath().evaluate(xpath, document, XPathConstants.STRING)).trim();
    }
}
