package org.doorstep.matching.messaging;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.doorstep.matching.scoring.Accommodation;
import org.doorstep.matching.scoring.EmploymentType;
import org.doorstep.matching.scoring.KeyGroup;
import org.doorstep.matching.scoring.Masks;
import org.doorstep.matching.scoring.Seeker;
import org.doorstep.matching.taxonomy.Taxonomy;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;

import tools.jackson.databind.json.JsonMapper;

/**
 * For the benchmark: seeker.upserted events as the topic holds them (JSON bytes plus ce_type), and
 * the consumer's own path from record to index entry (EventReader, DomainTranslator).
 */
public final class EventReplay {

    private static final byte[] TYPE = SeekerEvent.UPSERTED.getBytes(StandardCharsets.UTF_8);
    private final JsonMapper json = JsonMapper.builder().build();
    private final EventReader reader = new EventReader(json);
    private final DomainTranslator translator;
    private final Taxonomy taxonomy;

    public EventReplay(Taxonomy taxonomy) {
        this.taxonomy = taxonomy;
        this.translator = new DomainTranslator(taxonomy, new org.doorstep.matching.extraction.ProfileInference(taxonomy, new org.doorstep.matching.extraction.SkillExtractor(taxonomy)));
    }

    /** The record value a seekers-service would publish for this seeker. */
    public byte[] seekerEvent(Seeker s) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("seekerId", s.id());
        data.put("version", s.version());
        data.put("location", Map.of("lat", s.lat(), "lon", s.lon()));
        data.put("maxDistanceKm", s.maxDistanceKm());
        data.put("remoteOk", s.remoteOk());
        data.put("desiredOccupations", java.util.Arrays.stream(s.occupations()).mapToObj(String::valueOf).toList());
        List<Map<String, Object>> skills = new ArrayList<>();
        for (int skill : s.skills()) {
            Map<String, Object> ref = new LinkedHashMap<>();
            ref.put("label", taxonomy.skillLabel(skill));
            ref.put("escoUri", taxonomy.concept(skill).key());
            ref.put("level", "INTERMEDIATE");
            skills.add(ref);
        }
        data.put("skills", skills);
        data.put("education", s.education());
        data.put("experienceYears", s.hasExperience() ? s.experienceYears() : null);
        data.put("salaryExpectation", s.hasSalaryExpectation()
                ? Map.of("min", s.salaryMonthlyMin(), "currency", s.salaryCurrency(), "period", "MONTH") : null);
        data.put("employmentTypes", Masks.values(s.employmentTypes(), EmploymentType.class));
        data.put("languages", List.of("zh"));
        data.put("keyGroups", Masks.values(s.keyGroups(), KeyGroup.class));
        data.put("accommodationNeeds", Masks.values(s.accommodationNeeds(), Accommodation.class));
        data.put("updatedAt", "2026-11-25T08:00:00Z");
        return json.writeValueAsBytes(data);
    }

    /** What the seekers consumer does with one record before it reaches the engine. */
    public Seeker read(String key, byte[] value) {
        Message<byte[]> message = MessageBuilder.withPayload(value).setHeader("ce_type", TYPE)
                .setHeader(KafkaHeaders.RECEIVED_KEY, key.getBytes(StandardCharsets.UTF_8)).build();
        SeekerEvent event = reader.seeker(message);
        return translator.seeker(((SeekerEvent.SeekerUpserted) event).state());
    }
}
