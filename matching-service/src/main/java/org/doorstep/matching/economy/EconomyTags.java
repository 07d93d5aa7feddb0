package org.doorstep.matching.economy;

import java.util.EnumSet;
import java.util.Set;

import org.doorstep.matching.taxonomy.SkillConcept;
import org.doorstep.matching.taxonomy.Taxonomy;
import org.springframework.stereotype.Component;

/** A posting's economy tags: every tag any of its skills (asked for, or found in its description) has. */
@Component
public class EconomyTags {

    private final Taxonomy taxonomy;

    public EconomyTags(Taxonomy taxonomy) {
        this.taxonomy = taxonomy;
    }

    public Set<EconomyTag> of(int[]... skillLists) {
        Set<EconomyTag> tags = EnumSet.noneOf(EconomyTag.class);
        for (int[] skills : skillLists) {
            for (int ord : skills == null ? new int[0] : skills) {
                SkillConcept skill = taxonomy.concept(ord);
                if (skill.digital()) {
                    tags.add(EconomyTag.DIGITAL);
                }
                if (skill.green()) {
                    tags.add(EconomyTag.GREEN);
                }
                if (skill.silver()) {
                    tags.add(EconomyTag.SILVER);
                }
            }
        }
        return tags;
    }
}
