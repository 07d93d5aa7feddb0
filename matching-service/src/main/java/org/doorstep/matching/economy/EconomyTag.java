package org.doorstep.matching.economy;

/**
 * The economies a posting's work belongs to, from its skills' tags in the taxonomy: the digital economy, the green
 * economy, and the silver economy (the care and services of an ageing population).
 */
public enum EconomyTag {
    DIGITAL, GREEN, SILVER
}
