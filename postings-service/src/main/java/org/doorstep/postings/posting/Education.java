package org.doorstep.postings.posting;

public enum Education { NONE, PRIMARY, SECONDARY, VOCATIONAL, BACHELOR, MASTER, DOCTORATE }
