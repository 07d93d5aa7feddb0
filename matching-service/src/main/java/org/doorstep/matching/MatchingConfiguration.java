package org.doorstep.matching;

import org.doorstep.matching.learning.FeedbackLearning;
import org.doorstep.matching.match.OutcomeSeries;
import org.doorstep.matching.match.SameJobNotices;

import java.time.Clock;
import java.time.Duration;

import org.doorstep.matching.extraction.ProfileInference;
import org.doorstep.matching.extraction.SkillExtractor;
import org.doorstep.matching.index.PostingIndex;
import org.doorstep.matching.index.SeekerIndex;
import org.doorstep.matching.match.MatchEngine;
import org.doorstep.matching.match.MatchLedger;
import org.doorstep.matching.match.MatchPublisher;
import org.doorstep.matching.scoring.MatchScorer;
import org.doorstep.matching.scoring.MatchingPolicy;
import org.doorstep.matching.taxonomy.Taxonomy;
import org.doorstep.matching.taxonomy.TaxonomyLoader;
import org.doorstep.matching.taxonomy.TaxonomyProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the plain-Java matching core (taxonomy, scorer, indexes, engine) into the application. */
@Configuration(proxyBeanMethods = false)
class MatchingConfiguration {

    /** Milliseconds, as the store keeps times: an answer shows the same instant as a later read of it. */
    @Bean
    Clock clock() {
        return Clock.tick(Clock.systemUTC(), Duration.ofMillis(1));
    }

    @Bean
    Taxonomy taxonomy(TaxonomyProperties properties) {
        return TaxonomyLoader.load(properties);
    }

    @Bean
    SkillExtractor skillExtractor(Taxonomy taxonomy) {
        return new SkillExtractor(taxonomy);
    }

    @Bean
    ProfileInference profileInference(Taxonomy taxonomy, SkillExtractor extractor) {
        return new ProfileInference(taxonomy, extractor);
    }

    @Bean
    MatchScorer matchScorer(MatchingPolicy policy, Taxonomy taxonomy, FeedbackLearning learning) {
        return new MatchScorer(policy, taxonomy, learning);
    }

    @Bean(destroyMethod = "close")
    SeekerIndex seekerIndex(MatchingPolicy policy) {
        return new SeekerIndex(policy);
    }

    @Bean(destroyMethod = "close")
    PostingIndex postingIndex(MatchingPolicy policy) {
        return new PostingIndex(policy);
    }

    @Bean
    MatchEngine matchEngine(SeekerIndex seekers, PostingIndex postings, MatchScorer scorer, MatchLedger ledger,
                            MatchPublisher publisher, SameJobNotices notices, OutcomeSeries outcomes, Clock clock) {
        return new MatchEngine(seekers, postings, scorer, ledger, publisher, notices, outcomes, clock);
    }
}
