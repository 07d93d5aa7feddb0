package org.doorstep.postings.posting.store;

import java.util.Date;
import java.util.List;

import org.bson.Document;
import org.doorstep.postings.posting.Accommodation;
import org.doorstep.postings.posting.ClosedReason;
import org.doorstep.postings.posting.Education;
import org.doorstep.postings.posting.Employer;
import org.doorstep.postings.posting.EmploymentType;
import org.doorstep.postings.posting.Location;
import org.doorstep.postings.posting.Posting;
import org.doorstep.postings.posting.PostingContent;
import org.doorstep.postings.posting.PostingStatus;
import org.doorstep.postings.posting.Salary;
import org.doorstep.postings.posting.SalaryPeriod;
import org.doorstep.postings.posting.Skill;
import org.doorstep.postings.posting.TargetGroup;
import org.doorstep.postings.posting.Workplace;

/** Maps postings to and from their MongoDB documents (flat fields, so they can be queried and aggregated). */
public final class PostingDocuments {

    private PostingDocuments() {
    }

    public static Document toDocument(Posting p) {
        PostingContent c = p.content();
        return new Document("_id", p.postingId())
                .append("partnerId", p.partnerId())
                .append("externalId", p.externalId())
                .append("version", p.version())
                .append("status", p.status().name())
                .append("title", c.title())
                .append("description", c.description())
                .append("occupation", c.occupation())
                .append("skills", c.skills().stream()
                        .map(s -> new Document("label", s.label()).append("escoUri", s.escoUri())
                                .append("required", s.required()))
                        .toList())
                .append("location", new Document("lat", c.location().lat()).append("lon", c.location().lon())
                        .append("regionCode", c.location().regionCode()).append("address", c.location().address()))
                .append("workplace", c.workplace().name())
                .append("employmentType", c.employmentType().name())
                .append("salary", c.salary() == null ? null
                        : new Document("min", c.salary().min()).append("max", c.salary().max())
                        .append("currency", c.salary().currency()).append("period", c.salary().period().name()))
                .append("vacancies", c.vacancies())
                .append("education", c.education() == null ? null : c.education().name())
                .append("minExperienceYears", c.minExperienceYears())
                .append("targetGroups", c.targetGroups().stream().map(Enum::name).toList())
                .append("accommodations", c.accommodations().stream().map(Enum::name).toList())
                .append("campaignCodes", c.campaignCodes())
                .append("validThrough", Date.from(c.validThrough()))
                .append("languages", c.languages())
                .append("requiredLicences", c.requiredLicences())
                .append("employer", c.employer() == null ? null : new Document("name", c.employer().name()))
                .append("createdAt", Date.from(p.createdAt()))
                .append("updatedAt", Date.from(p.updatedAt()))
                .append("closedReason", p.closedReason() == null ? null : p.closedReason().name());
    }

    public static Posting toPosting(Document d) {
        Document loc = d.get("location", Document.class);
        Document sal = d.get("salary", Document.class);
        String education = d.getString("education");
        Number minExperience = (Number) d.get("minExperienceYears");
        PostingContent content = new PostingContent(
                d.getString("title"),
                d.getString("description"),
                d.getString("occupation"),
                d.getList("skills", Document.class).stream()
                        .map(s -> new Skill(s.getString("label"), s.getString("escoUri"), s.getBoolean("required")))
                        .toList(),
                new Location(number(loc, "lat"), number(loc, "lon"), loc.getString("regionCode"),
                        loc.getString("address")),
                Workplace.valueOf(d.getString("workplace")),
                EmploymentType.valueOf(d.getString("employmentType")),
                sal == null ? null : new Salary(number(sal, "min"), number(sal, "max"), sal.getString("currency"),
                        SalaryPeriod.valueOf(sal.getString("period"))),
                ((Number) d.get("vacancies")).intValue(),
                education == null ? null : Education.valueOf(education),
                minExperience == null ? null : minExperience.doubleValue(),
                d.getList("targetGroups", String.class).stream().map(TargetGroup::valueOf).toList(),
                d.getList("accommodations", String.class).stream().map(Accommodation::valueOf).toList(),
                d.getList("campaignCodes", String.class),
                d.getDate("validThrough").toInstant(),
                d.getList("languages", String.class),
                d.getList("requiredLicences", String.class, List.of()),
                d.get("employer", Document.class) == null ? null
                        : new Employer(d.get("employer", Document.class).getString("name")));
        String closedReason = d.getString("closedReason");
        return new Posting(d.getString("_id"), d.getString("partnerId"), d.getString("externalId"),
                ((Number) d.get("version")).longValue(), PostingStatus.valueOf(d.getString("status")), content,
                d.getDate("createdAt").toInstant(), d.getDate("updatedAt").toInstant(),
                closedReason == null ? null : ClosedReason.valueOf(closedReason));
    }

    private static double number(Document d, String field) {
        return ((Number) d.get(field)).doubleValue();
    }

}
