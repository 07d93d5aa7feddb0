package org.doorstep.matching;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * An instance of matching-service as an application of its own, on topics and a database of its own (so the shared
 * context's consumers stay out): {@code <prefix>.postings}, {@code .seekers}, {@code .feedback} and {@code .matches},
 * group {@code matching-<prefix>}. Its settings are command-line arguments, which outrank application.yml.
 */
public final class OwnInstance {

    private OwnInstance() {
    }

    public static ConfigurableApplicationContext start(String prefix, String database, String... settings) {
        return start(new SpringApplicationBuilder(MatchingApplication.class), prefix, database, settings);
    }

    public static ConfigurableApplicationContext start(SpringApplicationBuilder builder, String prefix, String database,
                                                       String... settings) {
        List<String> arguments = new ArrayList<>(List.of("--server.port=0",
                "--doorstep.group=matching-" + prefix,
                "--doorstep.topics.postings=" + prefix + ".postings",
                "--doorstep.topics.seekers=" + prefix + ".seekers",
                "--doorstep.topics.feedback=" + prefix + ".feedback",
                "--doorstep.topics.matches=" + prefix + ".matches",
                "--spring.mongodb.database=" + database,
                "--spring.data.mongodb.database=" + database));
        arguments.addAll(List.of(settings));
        return builder.run(arguments.toArray(String[]::new));
    }
}
