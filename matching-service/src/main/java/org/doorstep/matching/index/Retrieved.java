package org.doorstep.matching.index;

import java.util.List;

/** What a search returned: the best items, best first, and how many candidates were scored. */
public record Retrieved<T>(List<Ranked<T>> ranked, int candidates) {
}
