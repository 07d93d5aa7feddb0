package org.doorstep.matching.match;

import java.util.List;

/** Where the partners' duplicate notices go; returns only once each is durably accepted (throws otherwise). */
public interface SameJobNotices {

    void publishNotices(List<SameJob> notices);
}
