package org.doorstep.postings.posting;

public enum PostingStatus { OPEN, CLOSED }
