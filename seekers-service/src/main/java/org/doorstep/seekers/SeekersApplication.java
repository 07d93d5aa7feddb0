package org.doorstep.seekers;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class SeekersApplication {

    public static void main(String[] args) {
        SpringApplication.run(SeekersApplication.class, args);
    }
}
