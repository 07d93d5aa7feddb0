package org.doorstep.matching.scoring;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

import org.doorstep.matching.taxonomy.IscoCode;
import org.doorstep.matching.taxonomy.Taxonomy;

/**
 * DESIGN 6 scoring. Hard vetoes first (distance unless remote, education and experience below the
 * minimum beyond a tolerance, a needed accommodation an on-site posting lacks, closed or expired
 * posting); a pair is relevant only if it shares a skill or an occupation of the same ISCO minor
 * group, stated or inferred (exactly what the index retrieves). The score is the weighted mean of the
 * factors known on both sides: occupation (ISCO hierarchy similarity times both sides' confidence),
 * skills (the geometric mean of the specificity-weighted coverage both ways, see {@link SkillTable}),
 * distance, salary, experience, freshness; the key-group bonus and the employment-difficulty priority
 * then close part of the gap to 1. No floor, no clamp. Last, what was {@link Learned} from feedback: the appeal of a
 * posting that similar seekers applied to closes part of the gap too, and an aversion (several dismissals of the
 * posting's occupation or employer) takes a share of the score; both are told as reasons.
 * <p>
 * {@link #score} is the allocation-free path used on every candidate; {@link #assess} the same
 * computation with its reasons and vetoes, for events and the explain endpoint.
 */
public final class MatchScorer {

    /** The score of a pair that is vetoed or not relevant. */
    public static final double NO_MATCH = -1;

    private static final double LN2 = Math.log(2);
    /** The weight of the posting's completeness in the score: a tie-break. */
    static final double TIE_BREAK = 0.002;
    private static final String COMPLETENESS = "completeness";

    /** The reason of a learned appeal, and of a learned aversion. */
    static final String APPEAL = "appeal";
    static final String AVERSION = "dismissedSimilar";

    private final MatchingPolicy policy;
    private final Taxonomy taxonomy;
    private final Learned learned;

    public MatchScorer(MatchingPolicy policy, Taxonomy taxonomy) {
        this(policy, taxonomy, Learned.NOTHING);
    }

    public MatchScorer(MatchingPolicy policy, Taxonomy taxonomy, Learned learned) {
        this.policy = policy;
        this.taxonomy = taxonomy;
        this.learned = learned;
    }

    public MatchingPolicy policy() {
        return policy;
    }

    /** The score, or {@link #NO_MATCH} when a veto applies or the pair shares nothing. */
    public double score(Posting posting, Seeker seeker, Instant now) {
        return evaluate(posting, seeker, fixed(posting, now), null, null, null);
    }

    private Fixed fixed(Posting posting, Instant now) {
        return Fixed.of(posting, now, policy, taxonomy, learned.appeal(posting.id()));
    }

    /** The posting prepared for scoring against many seekers at {@code now}: its skills compiled once. */
    public Prepared prepare(Posting posting, Instant now) {
        return new Prepared(posting, fixed(posting, now), skillTable(posting));
    }

    /** A posting prepared by {@link #prepare}; scores exactly as {@link #score(Posting, Seeker, Instant)}. */
    public final class Prepared {

        private final Posting posting;
        private final Fixed fixed;
        private final SkillTable skills;

        private Prepared(Posting posting, Fixed fixed, SkillTable skills) {
            this.posting = posting;
            this.fixed = fixed;
            this.skills = skills;
        }

        public double score(Seeker seeker) {
            return evaluate(posting, seeker, fixed, null, null, skills);
        }
    }

    /** What depends on the posting and the time only: computed once per query, the same way on every path. */
    private record Fixed(Instant now, double ageDays, double freshness, double cosLat, double completeness,
                         Learned.Appeal appeal) {

        static Fixed of(Posting p, Instant now, MatchingPolicy policy, Taxonomy taxonomy, Learned.Appeal appeal) {
            double ageDays = p.updatedAt() == null ? 0 : Math.max(0, Duration.between(p.updatedAt(), now).toMinutes() / 1440.0);
            return new Fixed(now, ageDays, Math.exp(-LN2 * ageDays / policy.freshnessHalfLifeDays()), Geo.cosLat(p.lat()),
                    completeness(p, taxonomy), appeal);
        }

        /** How much of its occupation's weighted skill profile the posting lists (required and optional). */
        static double completeness(Posting p, Taxonomy taxonomy) {
            if (p.occupationProfile() < 0) {
                return 0;
            }
            // required and optional skills are disjoint (DomainTranslator), so their coverages add up
            return taxonomy.occupationCoverage(p.occupationProfile(), p.requiredSkills())
                    + taxonomy.occupationCoverage(p.occupationProfile(), p.optionalSkills());
        }
    }

    public Assessment assess(Posting posting, Seeker seeker, Instant now) {
        List<Reason> reasons = new ArrayList<>();
        List<Veto> vetoes = new ArrayList<>();
        double score = evaluate(posting, seeker, fixed(posting, now), reasons, vetoes, null);
        // the tie-break is for operators (explain), not a reason to tell a seeker; the key-group bonus and the priority
        // count in the score but are not told: a reason travels in match.found, and key-group membership travels only
        // to matching-service (DESIGN 4). The seeker's app knows their own key groups.
        return new Assessment(score < 0 ? 0 : round(score), reasons.stream()
                .filter(r -> !r.factor().equals(COMPLETENESS) && !r.personal())
                .map(Reason::withoutInputs).toList(), List.copyOf(vetoes));
    }

    /** As {@link #assess}, with every factor's inputs (for the explain endpoint). */
    public Assessment explain(Posting posting, Seeker seeker, Instant now) {
        List<Reason> reasons = new ArrayList<>();
        List<Veto> vetoes = new ArrayList<>();
        double score = evaluate(posting, seeker, fixed(posting, now), reasons, vetoes, null);
        return new Assessment(score < 0 ? 0 : round(score), List.copyOf(reasons), List.copyOf(vetoes));
    }

    private double evaluate(Posting p, Seeker s, Fixed fixed, List<Reason> reasons, List<Veto> vetoes,
                            SkillTable table) {
        // Without explain, the first veto ends the pair before its reason is built: most candidates end at one.
        boolean explain = reasons != null;
        double maxKm = policy.maxDistanceOf(s);
        boolean remoteFits = p.remote() && s.remoteOk();
        if (!explain && !remoteFits && s.located() && Geo.kmAlongMeridian(p.lat(), s.lat()) > maxKm) {
            return NO_MATCH; // farther north or south alone than the seeker goes: no trigonometry needed
        }
        double km = s.located() ? Geo.km(p.lat(), fixed.cosLat(), p.lon(), s.lat(), s.lon()) : Double.NaN;
        boolean vetoed = vetoed(p, s, fixed.now(), km, maxKm, remoteFits, vetoes);
        if (vetoed && !explain) {
            return NO_MATCH;
        }
        double distance = remoteFits ? 1.0 : !s.located() || km > maxKm ? 0 : maxKm <= 0 ? 1.0 : Math.exp(-LN2 * km / maxKm);

        // occupation: ISCO hierarchy similarity to the seeker's stated or inferred occupations, each weighted by
        // how sure both sides are; and, as a factor of its own, how much of the posting occupation's skill
        // profile the seeker has (continuous: tells apart the occupations of one unit group)
        MatchingPolicy.Weights w = policy.weights();
        double hierarchy = -1;
        int bestOccupation = 0;
        double bestConfidence = 0;
        boolean sameMinorGroup = false;
        if (p.isco() > 0 && s.occupations().length > 0) {
            hierarchy = 0;
            for (int i = 0; i < s.occupations().length; i++) {
                int desired = s.occupations()[i];
                double sim = IscoCode.similarity(p.isco(), desired);
                sameMinorGroup |= sim >= 0.7;
                double value = sim * s.occupationWeight(i) * p.iscoConfidence();
                if (value > hierarchy) {
                    hierarchy = value;
                    bestOccupation = desired;
                    bestConfidence = s.occupationWeight(i);
                }
            }
        }
        double occupation = hierarchy;

        // skills: specificity-weighted coverage both ways (see SkillTable)
        // a prepared posting reads its table; one pair (or a seeker against many postings) goes pair by pair
        SkillTable skillTable = table != null ? table : explain ? skillTable(p) : null;
        SkillTable.Evidence evidence = skillTable != null ? skillTable.evidence(s.skills(), taxonomy::skillWeight)
                : SkillTable.evidenceOf(p, s.skills(), taxonomy::relatedView, taxonomy::skillWeight, policy.relatedSkillCredit());
        if (!explain && !sameMinorGroup && evidence.exact() == 0) {
            return NO_MATCH;
        }
        double fit = p.occupationProfile() < 0 ? -1
                : Taxonomy.confidenceOfCoverage(taxonomy.occupationFit(p.occupationProfile(), s.skills(), policy.relatedSkillCredit()));
        double skills = -1;
        if (p.skillCount() > 0) {
            // known whenever the posting asks for skills: a seeker who shows none covers none of them
            skills = Math.sqrt(evidence.postingCoverage() * evidence.seekerCoverage());
            if (explain) {
                reasons.add(skillReason(skillTable, evidence, skills));
            }
        }

        boolean relevant = evidence.exact() != 0 || sameMinorGroup;
        if (!relevant && stop(vetoes, "relevance", () -> "no shared skill and no occupation in the same ISCO minor group")) {
            return NO_MATCH;
        }
        vetoed |= !relevant;

        double sum = 0;
        double weights = 0;
        if (occupation >= 0) {
            sum += w.occupation() * occupation;
            weights += w.occupation();
            if (explain) {
                reasons.add(new Reason("occupation", round(occupation),
                        occupationDetail(p, bestOccupation, bestConfidence),
                        inputs("postingIsco", p.isco(), "postingIscoConfidence", round(p.iscoConfidence()),
                                "postingIscoDerived", p.iscoDerived(), "seekerIsco", bestOccupation,
                                "seekerIscoConfidence", round(bestConfidence),
                                "hierarchySimilarity", IscoCode.similarity(p.isco(), bestOccupation))));
            }
        }
        if (skills >= 0) {
            sum += w.skills() * skills;
            weights += w.skills();
        }
        if (fit >= 0) {
            sum += w.profileFit() * fit;
            weights += w.profileFit();
            if (explain) {
                String occupationName = taxonomy.profiled(p.occupationProfile()).label();
                reasons.add(new Reason("profileFit", round(fit), String.format(Locale.ROOT,
                        "the seeker's skills cover %.0f%% of what a %s needs", 100 * fit, occupationName),
                        inputs("occupation", occupationName, "coverage",
                                round(taxonomy.occupationFit(p.occupationProfile(), s.skills(), policy.relatedSkillCredit())))));
            }
        }
        sum += w.distance() * distance;
        weights += w.distance();
        if (explain) {
            reasons.add(new Reason("distance", round(distance), remoteFits ? "remote job, open to remote work"
                    : Double.isNaN(km) ? "no location" : String.format(Locale.ROOT, "%.1f km away", km),
                    inputs("km", Double.isNaN(km) ? null : round(km), "seekerLimitKm", maxKm, "remote", remoteFits)));
        }
        double offered = offeredInSeekersCurrency(p, s);
        if (!Double.isNaN(offered)) {
            double expected = s.salaryMonthlyMin();
            double salary = expected <= 0 || offered >= expected ? 1.0 : Math.max(0, (offered / expected - 0.5) / 0.5);
            sum += w.salary() * salary;
            weights += w.salary();
            if (explain) {
                reasons.add(new Reason("salary", round(salary), String.format(Locale.ROOT,
                        "pays up to %s a month; expects %,.0f", pay(p, offered, s.salaryCurrency()), expected),
                        inputs("offeredMonthlyMax", round(offered), "expectedMonthlyMin", round(expected),
                                "postingCurrency", p.salary().currency(), "seekerCurrency", s.salaryCurrency())));
            }
        }
        if (p.hasMinExperience() && s.hasExperience()) {
            double need = p.minExperienceYears();
            double experience = s.experienceYears() >= need ? 1.0
                    : Math.max(0, 1 - (need - s.experienceYears()) / Math.max(need, 1));
            sum += w.experience() * experience;
            weights += w.experience();
            if (explain) {
                reasons.add(new Reason("experience", round(experience), number(s.experienceYears())
                        + " years of experience; " + number(need) + " asked",
                        inputs("years", s.experienceYears(), "asked", need)));
            }
        }
        double ageDays = fixed.ageDays();
        double freshness = fixed.freshness();
        sum += w.freshness() * freshness;
        weights += w.freshness();
        if (explain) {
            reasons.add(new Reason("freshness", round(freshness), ageDays < 1 ? "posted today"
                    : String.format(Locale.ROOT, "posted %.0f days ago", ageDays),
                    inputs("ageDays", round(ageDays), "halfLifeDays", policy.freshnessHalfLifeDays())));
        }

        // Bonuses close part of the remaining gap to 1 instead of adding and clamping: the order of two
        // pairs never changes at the top, and the score stays in [0, 1].
        double mean = weights > 0 ? sum / weights : 0;
        // Among pairs whose evidence is equal, the posting that lists more of its occupation's skills ranks
        // first: a deterministic tie-break with a meaning, too small to reorder pairs that differ otherwise.
        double score = (1 - TIE_BREAK) * mean + TIE_BREAK * fixed.completeness();
        if (explain) {
            reasons.add(new Reason(COMPLETENESS, round(fixed.completeness()), String.format(Locale.ROOT,
                    "the posting lists %.0f%% of its occupation's skill profile (breaks ties only)", 100 * fixed.completeness()),
                    inputs("weight", TIE_BREAK)));
        }
        int groups = p.targetGroups() & s.keyGroups();
        if (groups != 0) {
            score = 1 - (1 - score) * (1 - policy.keyGroupBonus());
            if (explain) {
                reasons.add(new Reason(Reason.KEY_GROUP, policy.keyGroupBonus(), "open to "
                        + String.join(", ", Masks.values(groups, KeyGroup.class).stream().map(KeyGroup::phrase).toList())));
            }
        }
        if (Masks.has(s.keyGroups(), KeyGroup.EMPLOYMENT_DIFFICULTY)) {
            score = 1 - (1 - score) * (1 - policy.priorityBonus());
            if (explain) {
                reasons.add(new Reason(Reason.PRIORITY, policy.priorityBonus(), "priority for people with employment difficulties"));
            }
        }
        if (vetoed) {
            return NO_MATCH;
        }
        return learnedEffects(p, s, fixed.appeal(), score, reasons);
    }

    /** The appeal of the posting to seekers like this one, then the seeker's aversion to postings like it. */
    private double learnedEffects(Posting p, Seeker s, Learned.Appeal appeal, double score, List<Reason> reasons) {
        if (appeal != null) {
            double bonus = Learned.APPEAL_BONUS * appeal.strengthFor(s);
            if (bonus > 0) {
                score = 1 - (1 - score) * (1 - bonus);
                if (reasons != null) {
                    reasons.add(new Reason(APPEAL, round(bonus), appeal.detail(), inputs("applied", appeal.applied(),
                            "hired", appeal.hired(), "applicantOccupations", Arrays.toString(appeal.occupations()))));
                }
            }
        }
        Learned.Aversion aversion = learned.aversion(s.id(), p);
        double penalty = aversion == null ? 0 : aversion.penalty();
        if (penalty > 0) {
            score *= 1 - penalty;
            if (reasons != null) {
                reasons.add(new Reason(AVERSION, round(-penalty), aversion.detail(), inputs("isco", aversion.isco(),
                        "dismissedOfOccupation", aversion.sameOccupation(), "dismissedOfEmployer", aversion.sameEmployer())));
            }
        }
        return score;
    }

    /** The posting's monthly maximum in the seeker's currency; NaN when either side has none or no rate converts it. */
    private double offeredInSeekersCurrency(Posting p, Seeker s) {
        return p.salary() == null || !s.hasSalaryExpectation() ? Double.NaN
                : policy.convert(p.salary().monthlyMax(), p.salary().currency(), s.salaryCurrency());
    }

    /** "18,000 CNY", or "3,000 USD (about 21,300 CNY)" when the currencies differ. */
    private static String pay(Posting p, double offered, String seekerCurrency) {
        String own = String.format(Locale.ROOT, "%,.0f %s", p.salary().monthlyMax(), p.salary().currency());
        return p.salary().currency().equals(seekerCurrency) ? own
                : own + String.format(Locale.ROOT, " (about %,.0f %s)", offered, seekerCurrency);
    }

    private SkillTable skillTable(Posting p) {
        return SkillTable.of(p, taxonomy::relatedView, taxonomy::skillWeight, policy.relatedSkillCredit());
    }

    private Reason skillReason(SkillTable table, SkillTable.Evidence evidence, double value) {
        List<String> required = new ArrayList<>();
        List<String> optional = new ArrayList<>();
        List<String> described = new ArrayList<>();
        List<String> related = new ArrayList<>();
        int specificRequired = 0;
        int specificRequiredHeld = 0;
        for (int i = 0; i < table.size(); i++) {
            boolean held = (evidence.exact() >>> i & 1) == 1;
            boolean specific = taxonomy.concept(table.skill(i)).reuse() != org.doorstep.matching.taxonomy.Reuse.TRANSVERSAL;
            String label = taxonomy.skillLabel(table.skill(i));
            if (table.isRequired(i) && specific) {
                specificRequired++;
                if (held) {
                    specificRequiredHeld++;
                }
            }
            if (held) {
                (table.isRequired(i) ? required : table.isOptional(i) ? optional : described).add(label);
            } else if ((evidence.related() >>> i & 1) == 1) {
                related.add(label);
            }
        }
        List<String> parts = new ArrayList<>();
        if (table.requiredCount() > 0) {
            parts.add(specificRequired == table.requiredCount()
                    ? required.size() + " of " + table.requiredCount() + " required skills" + names(required)
                    : specificRequiredHeld + " of " + specificRequired + " specific required skills" + names(required));
        }
        if (table.optionalCount() > 0) {
            parts.add(optional.size() + " of " + table.optionalCount() + " other skills" + names(optional));
        }
        if (!described.isEmpty()) {
            parts.add(described.size() + " skills from the description" + names(described));
        }
        if (!related.isEmpty()) {
            parts.add("related to " + String.join(", ", related));
        }
        parts.add(String.format(Locale.ROOT, "covers %.0f%% of the posting's weighted skills, uses %.0f%% of the seeker's",
                100 * evidence.postingCoverage(), 100 * evidence.seekerCoverage()));
        return new Reason("skills", round(value), String.join("; ", parts),
                inputs("postingCoverage", round(evidence.postingCoverage()), "seekerCoverage", round(evidence.seekerCoverage()),
                        "postingSkillWeight", round(table.totalWeight()), "relatedCredit", policy.relatedSkillCredit(),
                        "heldExactly", required.size() + optional.size() + described.size(), "heldThroughRelated", related.size()));
    }

    private static String names(List<String> labels) {
        return labels.isEmpty() ? "" : ": " + String.join(", ", labels);
    }

    private static java.util.Map<String, Object> inputs(Object... keyValues) {
        java.util.Map<String, Object> map = new java.util.LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            if (keyValues[i + 1] != null) {
                map.put((String) keyValues[i], keyValues[i + 1]);
            }
        }
        return map;
    }

    private static String occupationDetail(Posting p, int desired, double confidence) {
        int posting = p.isco();
        double similarity = IscoCode.similarity(posting, desired);
        String whose = confidence >= 1 ? "an occupation the seeker gave" : String.format(Locale.ROOT,
                "the seeker's likely occupation from their skills (%.0f%% sure)", 100 * confidence);
        String postingSide = p.iscoDerived() ? " (the posting's derived from its title or skills)" : "";
        if (similarity >= 1.0) {
            return "ISCO " + posting + ", " + whose + postingSide;
        }
        if (similarity >= 0.7) {
            return "same ISCO minor group " + posting / 10 + " as " + desired + ", " + whose + postingSide;
        }
        if (similarity >= 0.4) {
            return "same ISCO sub-major group " + posting / 100 + " as " + desired + ", " + whose + postingSide;
        }
        if (similarity > 0) {
            return "same ISCO major group " + posting / 1000 + " as " + desired + ", " + whose + postingSide;
        }
        return "ISCO " + posting + " is not near the seeker's occupations";
    }

    /**
     * The hard vetoes of a pair: every one into {@code vetoes} (explain), or, without a list, true at the first.
     * True when the pair is vetoed.
     */
    private boolean vetoed(Posting p, Seeker s, Instant now, double km, double maxKm, boolean remoteFits,
                           List<Veto> vetoes) {
        if (!p.open() && stop(vetoes, "posting-closed", () -> "the posting is closed")) {
            return true;
        }
        if (p.validThrough() != null && p.validThrough().isBefore(now)
                && stop(vetoes, "posting-expired", () -> "the posting expired on " + p.validThrough())) {
            return true;
        }
        if (!remoteFits && !s.located()
                && stop(vetoes, "distance", () -> "the seeker has no location and the job is not remote for them")) {
            return true;
        }
        if (!remoteFits && km > maxKm && stop(vetoes, "distance",
                () -> String.format(Locale.ROOT, "%.1f km away, beyond the seeker's %.0f km", km, maxKm))) {
            return true;
        }
        if (p.minEducation() != null && s.education() != null
                && s.education().ordinal() < p.minEducation().ordinal() - policy.educationTolerance()
                && stop(vetoes, "education", () -> "requires " + p.minEducation() + ", the seeker has " + s.education())) {
            return true;
        }
        if (p.hasMinExperience() && s.hasExperience()
                && s.experienceYears() < p.minExperienceYears() - policy.experienceToleranceYears()
                && stop(vetoes, "experience", () -> String.format(Locale.ROOT, "requires %s years, the seeker has %s",
                        number(p.minExperienceYears()), number(s.experienceYears())))) {
            return true;
        }
        // what the seeker asked for (per month: SalaryPeriod's factors; in the seeker's currency at the policy's rates)
        double offered = offeredInSeekersCurrency(p, s);
        if (!Double.isNaN(offered) && offered < s.salaryMonthlyMin()
                && stop(vetoes, "salary", () -> String.format(Locale.ROOT,
                "pays up to %s a month, below the seeker's minimum of %,.0f", pay(p, offered, s.salaryCurrency()),
                s.salaryMonthlyMin()))) {
            return true;
        }
        if (s.employmentTypes() != 0 && !Masks.has(s.employmentTypes(), p.employmentType())
                && stop(vetoes, "employment-type", () -> p.employmentType() + " is not among the seeker's "
                + Masks.values(s.employmentTypes(), EmploymentType.class))) {
            return true;
        }
        if (!p.languages().isEmpty() && !s.languages().isEmpty()
                && java.util.Collections.disjoint(p.languages(), s.languages())
                && stop(vetoes, "language", () -> "works in " + String.join(", ", p.languages())
                + "; the seeker speaks " + String.join(", ", s.languages()))) {
            return true;
        }
        if (!s.licences().containsAll(p.requiredLicences()) && stop(vetoes, "licence", () -> "requires "
                + String.join(", ", p.requiredLicences().stream().filter(l -> !s.licences().contains(l)).toList())
                + ", which the seeker does not hold")) {
            return true;
        }
        // accommodations: only where the work happens on site
        int missing = p.remote() ? 0 : s.accommodationNeeds() & ~p.accommodations();
        if (missing != 0 && stop(vetoes, "accommodation", () -> "does not offer " + String.join(", ",
                Masks.values(missing, Accommodation.class).stream().map(Accommodation::phrase).toList()))) {
            return true;
        }
        return vetoes != null && !vetoes.isEmpty();
    }

    /** Without a list (scoring): true, stop at this veto. With one (explain): the veto noted, go on to the next. */
    private static boolean stop(List<Veto> vetoes, String rule, Supplier<String> detail) {
        if (vetoes == null) {
            return true;
        }
        vetoes.add(new Veto(rule, detail.get()));
        return false;
    }

    private static String number(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.format(Locale.ROOT, "%.1f", value);
    }

    static double round(double value) {
        return Math.round(value * 10_000) / 10_000.0;
    }
}
