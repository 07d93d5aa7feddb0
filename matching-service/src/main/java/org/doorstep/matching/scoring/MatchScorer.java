package org.doorstep.matching.scoring;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.doorstep.matching.taxonomy.IscoCode;
import org.doorstep.matching.taxonomy.Taxonomy;

/**
 * DESIGN 6 scoring. Hard vetoes first (distance unless remote, education and experience below the
 * minimum beyond a tolerance, a needed accommodation an on-site posting lacks, closed or expired
 * posting); a pair is relevant only if it shares a skill or an occupation of the same ISCO minor
 * group (exactly what the index retrieves). The score is the weighted mean of the factors known on
 * both sides (occupation, skills, distance, salary, experience, freshness) plus the key-group bonus
 * and the employment-difficulty priority, clamped to [0, 1].
 * <p>
 * {@link #score} is the allocation-free path used on every candidate; {@link #assess} the same
 * computation with its reasons and vetoes, for events and the explain endpoint.
 */
public final class MatchScorer {

    /** The score of a pair that is vetoed or not relevant. */
    public static final double NO_MATCH = -1;

    private static final double LN2 = Math.log(2);

    private final MatchingPolicy policy;
    private final Taxonomy taxonomy;

    public MatchScorer(MatchingPolicy policy, Taxonomy taxonomy) {
        this.policy = policy;
        this.taxonomy = taxonomy;
    }

    public MatchingPolicy policy() {
        return policy;
    }

    /** The score, or {@link #NO_MATCH} when a veto applies or the pair shares nothing. */
    public double score(Posting posting, Seeker seeker, Instant now) {
        return evaluate(posting, seeker, Fixed.of(posting, now, policy), null, null, null);
    }

    /** The posting prepared for scoring against many seekers at {@code now}: its skills compiled once. */
    public Prepared prepare(Posting posting, Instant now) {
        return new Prepared(posting, Fixed.of(posting, now, policy), policy.relatedSkillCredit() > 0
                ? SkillTable.of(posting, taxonomy::relatedTo)
                : SkillTable.of(posting, skill -> new int[0]));
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
    private record Fixed(Instant now, double ageDays, double freshness, double cosLat) {

        static Fixed of(Posting p, Instant now, MatchingPolicy policy) {
            double ageDays = p.updatedAt() == null ? 0 : Math.max(0, Duration.between(p.updatedAt(), now).toMinutes() / 1440.0);
            return new Fixed(now, ageDays, Math.exp(-LN2 * ageDays / policy.freshnessHalfLifeDays()), Geo.cosLat(p.lat()));
        }
    }

    public Assessment assess(Posting posting, Seeker seeker, Instant now) {
        List<Reason> reasons = new ArrayList<>();
        List<Veto> vetoes = new ArrayList<>();
        double score = evaluate(posting, seeker, Fixed.of(posting, now, policy), reasons, vetoes, null);
        return new Assessment(score < 0 ? 0 : round(score), List.copyOf(reasons), List.copyOf(vetoes));
    }

    private double evaluate(Posting p, Seeker s, Fixed fixed, List<Reason> reasons, List<Veto> vetoes,
                            SkillTable table) {
        Instant now = fixed.now();
        // Without explain, a veto returns before its reason is built: most candidates end at one.
        boolean explain = reasons != null;
        boolean vetoed = false;

        if (!p.open()) {
            if (!explain) {
                return NO_MATCH;
            }
            vetoed = veto(vetoes, "posting-closed", "the posting is closed");
        }
        if (p.validThrough() != null && p.validThrough().isBefore(now)) {
            if (!explain) {
                return NO_MATCH;
            }
            vetoed = veto(vetoes, "posting-expired", "the posting expired on " + p.validThrough());
        }

        // distance
        double maxKm = policy.maxDistanceOf(s);
        boolean remoteFits = p.remote() && s.remoteOk();
        if (!explain && !remoteFits && s.located() && Geo.kmAlongMeridian(p.lat(), s.lat()) > maxKm) {
            return NO_MATCH; // farther north or south alone than the seeker goes: no trigonometry needed
        }
        double km = s.located() ? Geo.km(p.lat(), fixed.cosLat(), p.lon(), s.lat(), s.lon()) : Double.NaN;
        double distance;
        if (remoteFits) {
            distance = 1.0;
        } else if (!s.located()) {
            if (!explain) {
                return NO_MATCH;
            }
            vetoed = veto(vetoes, "distance", "the seeker has no location and the job is not remote for them");
            distance = 0;
        } else if (km > maxKm) {
            if (!explain) {
                return NO_MATCH;
            }
            vetoed = veto(vetoes, "distance", String.format(Locale.ROOT, "%.1f km away, beyond the seeker's %.0f km", km, maxKm));
            distance = 0;
        } else {
            distance = maxKm <= 0 ? 1.0 : Math.exp(-LN2 * km / maxKm);
        }

        // education and experience minimums
        if (p.minEducation() != null && s.education() != null
                && s.education().ordinal() < p.minEducation().ordinal() - policy.educationTolerance()) {
            if (!explain) {
                return NO_MATCH;
            }
            vetoed = veto(vetoes, "education", "requires " + p.minEducation() + ", the seeker has " + s.education());
        }
        if (p.hasMinExperience() && s.hasExperience()
                && s.experienceYears() < p.minExperienceYears() - policy.experienceToleranceYears()) {
            if (!explain) {
                return NO_MATCH;
            }
            vetoed = veto(vetoes, "experience", String.format(Locale.ROOT, "requires %s years, the seeker has %s",
                    number(p.minExperienceYears()), number(s.experienceYears())));
        }

        // accommodations: only where the work happens on site
        int missing = p.remote() ? 0 : s.accommodationNeeds() & ~p.accommodations();
        if (missing != 0) {
            if (!explain) {
                return NO_MATCH;
            }
            vetoed = veto(vetoes, "accommodation", "does not offer "
                    + String.join(", ", Masks.values(missing, Accommodation.class).stream().map(Accommodation::phrase).toList()));
        }

        // occupation
        MatchingPolicy.Weights w = policy.weights();
        double occupation = -1;
        int bestOccupation = 0;
        if (p.isco() > 0 && s.occupations().length > 0) {
            occupation = 0;
            for (int desired : s.occupations()) {
                double sim = IscoCode.similarity(p.isco(), desired);
                if (sim > occupation) {
                    occupation = sim;
                    bestOccupation = desired;
                }
            }
        }

        SkillTable.Credit held = table == null || explain ? null : table.credit(s.skills());
        if (!explain && occupation < 0.7 && !(held != null ? held.exact() != 0 : sharesASkill(p, s.skills()))) {
            return NO_MATCH;
        }

        // skills: required count double, related skills give partial credit
        double skills = -1;
        int exact = 0;
        if (held != null && p.skillCount() > 0) {
            double r = policy.relatedSkillCredit();
            long required = table.requiredBits();
            long optional = table.optionalBits();
            // a related skill worth full credit counts as held, as in the pair-by-pair path below
            long counted = r == 1.0 ? held.exact() | held.related() : held.exact();
            exact = Long.bitCount(counted);
            double credit = 2 * (Long.bitCount(held.exact() & required) + r * Long.bitCount(held.related() & required))
                    + Long.bitCount(held.exact() & optional) + r * Long.bitCount(held.related() & optional);
            double coverage = credit / (2.0 * p.requiredSkills().length + p.optionalSkills().length);
            double floor = policy.skillOverlapFloor();
            skills = exact > 0 ? floor + (1 - floor) * coverage : floor * coverage;
        } else if (p.skillCount() > 0) {
            double credit = 0;
            int requiredHeld = 0;
            int optionalHeld = 0;
            List<String> requiredNames = explain ? new ArrayList<>() : null;
            List<String> optionalNames = explain ? new ArrayList<>() : null;
            List<String> relatedNames = explain ? new ArrayList<>() : null;
            for (int skill : p.requiredSkills()) {
                double c = credit(skill, s.skills(), relatedNames);
                credit += 2 * c;
                if (c == 1.0) {
                    requiredHeld++;
                    if (explain) {
                        requiredNames.add(taxonomy.skillLabel(skill));
                    }
                }
            }
            for (int skill : p.optionalSkills()) {
                double c = credit(skill, s.skills(), relatedNames);
                credit += c;
                if (c == 1.0) {
                    optionalHeld++;
                    if (explain) {
                        optionalNames.add(taxonomy.skillLabel(skill));
                    }
                }
            }
            exact = requiredHeld + optionalHeld;
            double coverage = credit / (2.0 * p.requiredSkills().length + p.optionalSkills().length);
            double floor = policy.skillOverlapFloor();
            skills = exact > 0 ? floor + (1 - floor) * coverage : floor * coverage;
            if (explain) {
                reasons.add(new Reason("skills", round(skills), skillDetail(p, requiredHeld, optionalHeld,
                        requiredNames, optionalNames, relatedNames)));
            }
        }

        boolean relevant = exact > 0 || occupation >= 0.7;
        if (!relevant) {
            if (!explain) {
                return NO_MATCH;
            }
            vetoed = veto(vetoes, "relevance", "no shared skill and no occupation in the same ISCO minor group");
        }

        double sum = 0;
        double weights = 0;
        if (occupation >= 0) {
            sum += w.occupation() * occupation;
            weights += w.occupation();
            if (explain) {
                reasons.add(new Reason("occupation", round(occupation), occupationDetail(p.isco(), bestOccupation, occupation)));
            }
        }
        if (skills >= 0) {
            sum += w.skills() * skills;
            weights += w.skills();
        }
        sum += w.distance() * distance;
        weights += w.distance();
        if (explain) {
            reasons.add(new Reason("distance", round(distance), remoteFits ? "remote job, open to remote work"
                    : Double.isNaN(km) ? "no location" : String.format(Locale.ROOT, "%.1f km away", km)));
        }
        if (p.salary() != null && s.hasSalaryExpectation() && p.salary().currency().equals(s.salaryCurrency())) {
            double offered = p.salary().monthlyMax();
            double expected = s.salaryMonthlyMin();
            double salary = expected <= 0 || offered >= expected ? 1.0
                    : clamp((offered / expected - 0.5) / 0.5);
            sum += w.salary() * salary;
            weights += w.salary();
            if (explain) {
                reasons.add(new Reason("salary", round(salary), String.format(Locale.ROOT,
                        "pays up to %,.0f %s a month; expects %,.0f", offered, s.salaryCurrency(), expected)));
            }
        }
        if (p.hasMinExperience() && s.hasExperience()) {
            double need = p.minExperienceYears();
            double experience = s.experienceYears() >= need ? 1.0
                    : clamp(1 - (need - s.experienceYears()) / Math.max(need, 1));
            sum += w.experience() * experience;
            weights += w.experience();
            if (explain) {
                reasons.add(new Reason("experience", round(experience), number(s.experienceYears())
                        + " years of experience; " + number(need) + " asked"));
            }
        }
        double ageDays = fixed.ageDays();
        double freshness = fixed.freshness();
        sum += w.freshness() * freshness;
        weights += w.freshness();
        if (explain) {
            reasons.add(new Reason("freshness", round(freshness), ageDays < 1 ? "posted today"
                    : String.format(Locale.ROOT, "posted %.0f days ago", ageDays)));
        }

        double score = weights > 0 ? sum / weights : 0;
        int groups = p.targetGroups() & s.keyGroups();
        if (groups != 0) {
            score += policy.keyGroupBonus();
            if (explain) {
                reasons.add(new Reason("keyGroup", policy.keyGroupBonus(), "open to "
                        + String.join(", ", Masks.values(groups, KeyGroup.class).stream().map(KeyGroup::phrase).toList())));
            }
        }
        if (Masks.has(s.keyGroups(), KeyGroup.EMPLOYMENT_DIFFICULTY)) {
            score += policy.priorityBonus();
            if (explain) {
                reasons.add(new Reason("priority", policy.priorityBonus(), "priority for people with employment difficulties"));
            }
        }
        score = clamp(score);
        return vetoed ? NO_MATCH : score;
    }

    private static boolean sharesASkill(Posting p, int[] held) {
        return intersects(p.requiredSkills(), held) || intersects(p.optionalSkills(), held);
    }

    /** Whether two sorted arrays share a value (a merge, no allocation). */
    static boolean intersects(int[] a, int[] b) {
        int i = 0;
        int j = 0;
        while (i < a.length && j < b.length) {
            if (a[i] == b[j]) {
                return true;
            }
            if (a[i] < b[j]) {
                i++;
            } else {
                j++;
            }
        }
        return false;
    }

    private double credit(int skill, int[] held, List<String> relatedNames) {
        if (Arrays.binarySearch(held, skill) >= 0) {
            return 1.0;
        }
        if (policy.relatedSkillCredit() > 0) {
            for (int h : held) {
                if (taxonomy.related(skill, h)) {
                    if (relatedNames != null) {
                        relatedNames.add(taxonomy.skillLabel(h) + " for " + taxonomy.skillLabel(skill));
                    }
                    return policy.relatedSkillCredit();
                }
            }
        }
        return 0;
    }

    private String skillDetail(Posting p, int requiredHeld, int optionalHeld, List<String> requiredNames,
                               List<String> optionalNames, List<String> relatedNames) {
        List<String> parts = new ArrayList<>();
        if (p.requiredSkills().length > 0) {
            parts.add(requiredHeld + " of " + p.requiredSkills().length + " required skills"
                    + (requiredNames.isEmpty() ? "" : ": " + String.join(", ", requiredNames)));
        }
        if (p.optionalSkills().length > 0) {
            parts.add(optionalHeld + " of " + p.optionalSkills().length + " other skills"
                    + (optionalNames.isEmpty() ? "" : ": " + String.join(", ", optionalNames)));
        }
        if (!relatedNames.isEmpty()) {
            parts.add("related: " + String.join(", ", relatedNames));
        }
        return String.join("; ", parts);
    }

    private static String occupationDetail(int posting, int desired, double similarity) {
        if (similarity >= 1.0) {
            return "the occupation the seeker wants (ISCO " + posting + ")";
        }
        if (similarity >= 0.7) {
            return "same ISCO minor group " + posting / 10 + " as the wanted " + desired;
        }
        if (similarity >= 0.4) {
            return "same ISCO sub-major group " + posting / 100 + " as the wanted " + desired;
        }
        if (similarity > 0) {
            return "same ISCO major group " + posting / 1000 + " as the wanted " + desired;
        }
        return "ISCO " + posting + " is not among the wanted occupations";
    }

    private static boolean veto(List<Veto> vetoes, String rule, String detail) {
        if (vetoes != null) {
            vetoes.add(new Veto(rule, detail));
        }
        return true;
    }

    private static String number(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.format(Locale.ROOT, "%.1f", value);
    }

    private static double clamp(double value) {
        return Math.max(0, Math.min(1, value));
    }

    static double round(double value) {
        return Math.round(value * 10_000) / 10_000.0;
    }
}
