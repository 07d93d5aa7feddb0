package org.doorstep.matching.scoring;

/** Education levels in ascending order; the ordinal is the level compared against a posting's minimum. */
public enum Education { NONE, PRIMARY, SECONDARY, VOCATIONAL, BACHELOR, MASTER, DOCTORATE }
