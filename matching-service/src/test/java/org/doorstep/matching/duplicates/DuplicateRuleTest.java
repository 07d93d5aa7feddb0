package org.doorstep.matching.duplicates;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** When two postings are one job, and the directory that finds them. */
class DuplicateRuleTest {

    private static final String DESCRIPTION = "<p>Join the ward team caring for adults after planned surgery. You will assess patients, "
            + "plan and give care, support students and work with doctors and therapists.</p><p>Full induction and training.</p>";
    private static final String EDITED = "Join the ward team caring for adults after planned surgery. You will assess patients, "
            + "plan and give care, support students and work with doctors and therapists. Apply through our board today.";
    private final DuplicateRule rule = DuplicateRule.DEFAULT;

    private static JobSignature job(String id, String partner, String employer, String title, String description, double lat, double lon) {
        return JobSignature.of(id, partner, "ext-" + id, employer, title, description, lat, lon);
    }

    @Test
    void theSameVacancyAsAnotherBoardEditsItIsOneJob() {
        JobSignature original = job("a", "nhs", "Royal Hospital NHS Trust", "Senior Staff Nurse - Surgery (Band 6)", DESCRIPTION, 51.5, -0.12);
        // another board: re-cased, abbreviated, HTML stripped, its own sentence added, geocoded 100 m away, no employer
        JobSignature copy = job("b", "board", null, "SNR STAFF NURSE - SURGERY (BAND 6)", EDITED, 51.5009, -0.12);
        assertThat(rule.same(original, copy)).isTrue();
        assertThat(rule.same(copy, original)).isTrue();
        // the employer spelt differently still counts as the same when its words are the same
        assertThat(rule.same(original, job("c", "board", "The ROYAL HOSPITAL NHS TRUST", "Senior Staff Nurse - Surgery",
                DESCRIPTION, 51.5, -0.12))).isTrue();
    }

    @Test
    void anotherEmployerAnotherPlaceTheSamePartnerOrAnotherJobAreNot() {
        JobSignature original = job("a", "nhs", "Royal Hospital NHS Trust", "Senior Staff Nurse - Surgery", DESCRIPTION, 51.5, -0.12);
        assertThat(rule.same(original, job("b", "board", "City Clinic", "Senior Staff Nurse - Surgery", DESCRIPTION, 51.5, -0.12)))
                .as("another named employer").isFalse();
        assertThat(rule.same(original, job("b", "board", null, "Senior Staff Nurse - Surgery", DESCRIPTION, 51.5045, -0.12)))
                .as("500 m away").isFalse();
        assertThat(rule.same(original, job("b", "nhs", null, "Senior Staff Nurse - Surgery", DESCRIPTION, 51.5, -0.12)))
                .as("two vacancies of one partner are its business").isFalse();
        assertThat(rule.same(original, job("b", "board", null, "Hospital Porter",
                "Move patients, equipment and samples around the hospital safely and on time, day and night shifts, "
                        + "with a full induction and training in manual handling.", 51.5, -0.12)))
                .as("another job at the same hospital").isFalse();
    }

    @Test
    void shortDescriptionsMustBeTheSameWordForWordAndWithoutOneOnlyANamedEmployerVouchesForATitle() {
        JobSignature a = job("a", "p1", null, "Java backend developer", "Services for the employment platform.", 30.6, 104.06);
        assertThat(rule.same(a, job("b", "p2", null, "Java Backend Developer", "Services for the employment platform!", 30.6, 104.06)))
                .isTrue();
        assertThat(rule.same(a, job("b", "p2", null, "Java backend developer", "Services for the employment platform, vacancy 2.",
                30.6, 104.06))).isFalse();
        JobSignature bare = job("c", "p1", null, "Java backend developer", null, 30.6, 104.06);
        assertThat(rule.same(bare, job("d", "p2", null, "Java backend developer", null, 30.6, 104.06))).isFalse();
        assertThat(rule.same(job("c", "p1", "Tianfu Soft Co., Ltd.", "Java backend developer", null, 30.6, 104.06),
                job("d", "p2", "TIANFU SOFT", "Java developer (backend)", null, 30.6, 104.06))).isTrue();
    }

    @Test
    void chineseTitlesAndDescriptionsAreComparedByCharacter() {
        String description = "负责公共就业服务平台后端服务的设计与开发，参与需求分析、系统设计和代码评审，保障系统稳定运行。";
        JobSignature a = job("a", "p1", "天府软件有限公司", "Java后端开发工程师", description, 30.6, 104.06);
        JobSignature b = job("b", "p2", "天府软件", "Java后端开发工程师（急招）", description + "欢迎投递。", 30.6005, 104.06);
        assertThat(rule.same(a, b)).isTrue();
        assertThat(rule.same(a, job("c", "p2", null, "销售代表", "负责区域客户开发与维护，完成销售目标，定期拜访客户并整理客户资料，参加公司组织的培训。",
                30.6, 104.06))).isFalse();
    }

    @Test
    void theDirectoryFindsAJobsPostingsAroundACellBorderAndForgetsAClosedOne() {
        JobDirectory directory = new JobDirectory(rule);
        // 0.005 degrees of latitude is a cell border: these two are 110 m apart, on both sides of it
        JobSignature first = job("a", "p1", null, "Senior Staff Nurse - Surgery", DESCRIPTION, 51.0049995, -0.12);
        JobSignature second = job("b", "p2", null, "Senior Staff Nurse - Surgery", EDITED, 51.0059995, -0.12);
        JobSignature third = job("c", "p3", null, "Staff Nurse (Senior) - Surgery", DESCRIPTION, 51.005, -0.1205);
        assertThat(directory.put(first)).isEmpty();
        assertThat(directory.put(second)).containsExactly(first);
        assertThat(directory.put(third)).containsExactly(first, second);
        assertThat(directory.sameJobAs("c")).containsExactly(first, second);
        assertThat(directory.sameJobAs("a")).containsExactly(second, third);

        directory.remove("a");
        assertThat(directory.sameJobAs("b")).containsExactly(third);
        assertThat(directory.get("a")).isNull();
        assertThat(directory.size()).isEqualTo(2);
        // a changed posting is compared again: moved 2 km, it is no longer the same job
        directory.put(job("c", "p3", null, "Staff Nurse (Senior) - Surgery", DESCRIPTION, 51.023, -0.1205));
        assertThat(directory.sameJobAs("b")).isEmpty();
        assertThat(directory.sameJobAs("c")).isEqualTo(List.of());
    }
}
