package org.doorstep.matching.messaging;

import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

import org.doorstep.matching.duplicates.JobSignature;
import org.doorstep.matching.scoring.EmploymentType;
import org.doorstep.matching.scoring.Masks;
import org.doorstep.matching.scoring.Posting;
import org.doorstep.matching.scoring.Salary;
import org.doorstep.matching.scoring.Seeker;
import org.doorstep.matching.scoring.Workplace;
import org.doorstep.matching.extraction.ProfileInference;
import org.doorstep.matching.taxonomy.Taxonomy;
import org.springframework.stereotype.Component;

/**
 * From the wire to what matching keeps: labels through the taxonomy to concepts, occupations to ISCO
 * unit groups (a posting's derived from its title or skills when it gives none; a seeker's stated ones
 * plus those their skills point to), a posting's description to skills, pay expectations to months.
 */
@Component
class DomainTranslator {

    private final Taxonomy taxonomy;
    private final ProfileInference inference;

    DomainTranslator(Taxonomy taxonomy, ProfileInference inference) {
        this.taxonomy = taxonomy;
        this.inference = inference;
    }

    /** What duplicate detection keeps of the posting. */
    JobSignature job(PostingState s) {
        return JobSignature.of(s.postingId(), s.partnerId(), s.externalId(), s.employer() == null ? null : s.employer().name(),
                s.title(), s.description(), s.location().lat(), s.location().lon());
    }

    Posting posting(PostingState s, boolean open) {
        TreeSet<Integer> required = new TreeSet<>();
        TreeSet<Integer> optional = new TreeSet<>();
        for (PostingState.SkillRef skill : list(s.skills())) {
            int ord = taxonomy.skill(skill.label(), skill.escoUri());
            if (ord >= 0) {
                (skill.required() ? required : optional).add(ord);
            }
        }
        optional.removeAll(required);
        TreeSet<Integer> declared = new TreeSet<>(required);
        declared.addAll(optional);
        int[] declaredSkills = ints(declared);
        ProfileInference.PostingOccupation occupation = inference.postingOccupation(s.occupation(), s.title(), declaredSkills);
        ProfileInference.DescriptionSkills described = inference.descriptionSkills(s.description(), declaredSkills);
        Salary salary = s.salary() == null || s.salary().period() == null || s.salary().currency() == null ? null
                : new Salary(s.salary().min(), s.salary().max(), s.salary().currency(), s.salary().period());
        return new Posting(s.postingId(), s.partnerId(), s.externalId(), s.version(), open, s.title(),
                s.location().lat(), s.location().lon(), s.location().regionCode(), s.location().address(),
                s.workplace() == null ? Workplace.ONSITE : s.workplace(),
                s.employmentType() == null ? EmploymentType.FULL_TIME : s.employmentType(),
                salary, occupation.isco(), occupation.derived(), ints(required), ints(optional), s.education(),
                s.minExperienceYears() == null ? Float.NaN : s.minExperienceYears().floatValue(),
                Masks.of(s.targetGroups()), Masks.of(s.accommodations()), List.copyOf(list(s.campaignCodes())),
                s.validThrough(), s.updatedAt(), occupation.confidence(), described.skills(), described.confidence(),
                occupation.profile(), languages(s.languages()), licences(s.requiredLicences()),
                s.employer() == null ? null : JobSignature.employerKey(s.employer().name()), s.createdAt());
    }

    Seeker seeker(SeekerState s) {
        TreeSet<Integer> skills = new TreeSet<>();
        for (SeekerState.SkillRef skill : list(s.skills())) {
            int ord = taxonomy.skill(skill.label(), skill.escoUri());
            if (ord >= 0) {
                skills.add(ord);
            }
        }
        int[] held = ints(skills);
        ProfileInference.Occupations occupations = inference.seekerOccupations(held, list(s.desiredOccupations()));
        float salary = Float.NaN;
        String currency = null;
        if (s.salaryExpectation() != null && s.salaryExpectation().period() != null) {
            salary = (float) s.salaryExpectation().period().monthly(s.salaryExpectation().min());
            currency = s.salaryExpectation().currency() == null ? null : s.salaryExpectation().currency().intern();
        }
        boolean located = s.location() != null;
        return new Seeker(s.seekerId(), s.version(), located, located ? s.location().lat() : 0,
                located ? s.location().lon() : 0, located && s.location().regionCode() != null
                        ? s.location().regionCode().intern() : null,
                s.maxDistanceKm() == null ? Float.NaN : s.maxDistanceKm().floatValue(), s.remoteOk(),
                occupations.isco(), held, s.education(),
                s.experienceYears() == null ? Float.NaN : s.experienceYears().floatValue(), salary, currency,
                Masks.of(s.employmentTypes()), Masks.of(s.keyGroups()), Masks.of(s.accommodationNeeds()),
                occupations.confidence(), languages(s.languages()), licences(s.licences()));
    }

    /** Language tags as compared: the primary subtag in lower case ({@code zh-CN} and {@code ZH} are {@code zh}). */
    static List<String> languages(List<String> tags) {
        return list(tags).stream().filter(t -> t != null && !t.isBlank())
                .map(t -> t.strip().split("[-_]", 2)[0].toLowerCase(java.util.Locale.ROOT).intern())
                .distinct().toList();
    }

    /** Licence and certificate names as compared: trimmed, in lower case. */
    static List<String> licences(List<String> names) {
        return list(names).stream().filter(n -> n != null && !n.isBlank())
                .map(n -> n.strip().toLowerCase(java.util.Locale.ROOT).intern())
                .distinct().toList();
    }

    private static int[] ints(TreeSet<Integer> values) {
        int[] out = new int[values.size()];
        int i = 0;
        for (int v : values) {
            out[i++] = v;
        }
        Arrays.sort(out);
        return out;
    }

    private static <T> List<T> list(List<T> values) {
        return values == null ? List.of() : values;
    }
}
