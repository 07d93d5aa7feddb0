package org.doorstep.postings;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class PostingsApplication {

    public static void main(String[] args) {
        SpringApplication.run(PostingsApplication.class, args);
    }
}
