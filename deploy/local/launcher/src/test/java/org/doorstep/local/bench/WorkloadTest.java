package org.doorstep.local.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The workload from a small reference data set written in the files' own formats (quoted, multi-line CSV fields). */
class WorkloadTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path data;

    @Test
    void failsNamingTheMissingFilesWhenTheReferenceDataIsAbsent() {
        assertThatThrownBy(() -> ReferenceData.load(data.resolve("nowhere")))
                .hasMessageContaining("../shared/data").hasMessageContaining("china_region_county_latlon.csv").hasMessageContaining("--data");
    }

    @Test
    void makesTheSameSeekersAndPostingsForTheSameSeedAndPlacesWatchedSeekersAtThePostingSite() throws IOException {
        writeReferenceData();
        BenchOptions options = BenchOptions.quick(data).with(1_000, 5, 20, 3, 42, data, BenchOptions.quick(data).drain());
        ReferenceData reference = ReferenceData.load(data);
        Workload workload = new Workload(reference, options);

        assertThat(reference.places()).hasSize(4);
        assertThat(reference.occupations()).hasSize(2).allSatisfy(o -> assertThat(o.essentialSkills()).hasSizeGreaterThanOrEqualTo(8));
        assertThat(workload.seeker(17)).isEqualTo(new Workload(ReferenceData.load(data), options).seeker(17));
        assertThat(workload.clusters()).hasSize(4);

        Workload.Cluster cluster = workload.watchedCluster(4);
        assertThat(cluster.index()).isEqualTo(1);
        JsonNode posting = JSON.readTree(workload.posting(cluster, "20261205-000000", Instant.parse("2030-01-01T00:00:00Z")));
        JsonNode watched = JSON.readTree(workload.watchedSeeker(cluster));
        JsonNode seeker = JSON.readTree(workload.seeker(cluster.index()));

        assertThat(watched.path("location").path("lat").asDouble()).isEqualTo(posting.path("location").path("lat").asDouble());
        assertThat(watched.path("skills").findValuesAsString("escoUri")).containsExactlyElementsOf(posting.path("skills").findValuesAsString("escoUri"));
        assertThat(posting.path("skills")).hasSize(6);
        assertThat(posting.path("title").asString()).isEqualTo(cluster.occupation().label());
        // another run's postings at the same site are other jobs, not the same ones published again
        assertThat(posting.path("description").asString()).contains("20261205-000000");
        assertThat(posting.path("employer").path("name").asString()).contains("20261205-000000");
        assertThat(seeker.path("skills").size()).isBetween(3, 6);
        double km = Math.abs(seeker.path("location").path("lat").asDouble() - cluster.site().lat()) * 111.2;
        assertThat(km).isLessThan(40);
    }

    private void writeReferenceData() throws IOException {
        Files.createDirectories(data.resolve("geo"));
        Files.createDirectories(data.resolve("esco"));
        Files.writeString(data.resolve("geo/china_region_county_latlon.csv"), """
                province,city,county,longitude,latitude,zipCode
                北京市,北京市,东城区,116.42,39.93,100010
                四川省,成都市,武侯区,104.05,30.64,610041
                广东省,深圳市,南山区,113.93,22.53,518051
                四川省,成都市,武侯区重复,104.05,30.64,610041
                甘肃省,兰州市,城关区,103.83,36.06,730030
                """);
        Files.writeString(data.resolve("geo/china_adcode_areas_2023.csv"), """
                code,name,cityCode,provinceCode
                110101,"东城区",1101,11
                510107,"武侯区",5101,51
                """);
        StringBuilder skills = new StringBuilder("conceptType,conceptUri,skillType,reuseLevel,preferredLabel,altLabels\n");
        StringBuilder relations = new StringBuilder("occupationUri,relationType,skillType,skillUri\n");
        for (int i = 0; i < 20; i++) {
            skills.append("KnowledgeSkillCompetence,http://s/").append(i).append(",skill/competence,sector-specific,skill ").append(i)
                    .append(",\"alt one\nalt two\"\n");
            relations.append("http://o/").append(i < 10 ? "a" : "b").append(",essential,skill/competence,http://s/").append(i).append('\n');
        }
        relations.append("http://o/c,essential,skill/competence,http://s/1\n");
        Files.writeString(data.resolve("esco/skills_en.csv"), skills);
        Files.writeString(data.resolve("esco/occupations_en.csv"), """
                conceptType,conceptUri,iscoGroup,preferredLabel,altLabels
                Occupation,http://o/a,2512,software developer,"coder
                programmer"
                Occupation,http://o/b,7212,welder,"welding operator"
                Occupation,http://o/c,9112,cleaner,too few skills
                """);
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(data.resolve("esco/occupationSkillRelations.csv.gz")))) {
            out.write(relations.toString().getBytes(StandardCharsets.UTF_8));
        }
    }
}
