package org.doorstep.postings.operator;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code doorstep.operator-token}: the operators' bearer token; empty means operator endpoints refuse everyone. */
@ConfigurationProperties("doorstep")
public record OperatorProperties(String operatorToken) {
}
