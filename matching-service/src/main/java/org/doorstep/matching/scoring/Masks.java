package org.doorstep.matching.scoring;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Enum sets as int bit masks: a seeker's groups and needs cost four bytes each. */
public final class Masks {

    private Masks() {
    }

    public static <E extends Enum<E>> int of(Collection<E> values) {
        int mask = 0;
        if (values != null) {
            for (E value : values) {
                if (value != null) {
                    mask |= 1 << value.ordinal();
                }
            }
        }
        return mask;
    }

    public static <E extends Enum<E>> List<E> values(int mask, Class<E> type) {
        List<E> out = new ArrayList<>();
        for (E value : type.getEnumConstants()) {
            if ((mask & (1 << value.ordinal())) != 0) {
                out.add(value);
            }
        }
        return out;
    }

    public static boolean has(int mask, Enum<?> value) {
        return (mask & (1 << value.ordinal())) != 0;
    }
}
