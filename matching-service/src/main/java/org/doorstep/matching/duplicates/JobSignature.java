package org.doorstep.matching.duplicates;

import java.util.Arrays;
import java.util.List;

/**
 * What duplicate detection keeps of an open posting (about 250 bytes): who published it, the employer's name
 * as compared, the title's words (sorted, distinct), where, and a MinHash sketch of the description's word
 * 3-shingles ({@link #SKETCH} values; none when the description has fewer than {@link #MIN_SHINGLES} shingles), and
 * for a short description a hash of all its words ({@code descriptionKey}; 0 when it has fewer than 3 words).
 */
public record JobSignature(String postingId, String partnerId, String externalId, String employer, String[] titleWords,
                           double lat, double lon, int[] sketch, long descriptionKey) {

    static final int SKETCH = 32;
    static final int MIN_SHINGLES = 12;
    private static final int SHINGLE = 3;
    private static final long[] SEEDS = seeds();

    /** The signature of a posting from what its partner wrote. */
    /** An employer's name as compared (words without legal forms and articles); null when none is given. */
    public static String employerKey(String name) {
        return JobText.employer(name);
    }

    public static JobSignature of(String postingId, String partnerId, String externalId, String employer, String title,
                                  String description, double lat, double lon) {
        String[] titleWords = JobText.titleWords(title).stream().distinct().sorted().toArray(String[]::new);
        List<String> words = JobText.words(description);
        int[] sketch = sketch(words);
        return new JobSignature(postingId, partnerId, externalId, JobText.employer(employer), titleWords, lat, lon, sketch,
                sketch.length == 0 && words.size() >= 3 ? key(words) : 0);
    }

    boolean described() {
        return sketch.length > 0;
    }

    /** Whether both have the same short description, word for word. */
    boolean sameShortDescription(JobSignature other) {
        return descriptionKey != 0 && descriptionKey == other.descriptionKey;
    }

    private static long key(List<String> words) {
        long hash = 0xcbf29ce484222325L;
        for (String word : words) {
            for (int c = 0; c < word.length(); c++) {
                hash = (hash ^ word.charAt(c)) * 0x100000001b3L;
            }
            hash = (hash ^ ' ') * 0x100000001b3L;
        }
        return hash == 0 ? 1 : hash;
    }

    /** Jaccard similarity of the two titles' word sets. */
    public double titleSimilarity(JobSignature other) {
        String[] a = titleWords;
        String[] b = other.titleWords;
        if (a.length == 0 || b.length == 0) {
            return 0;
        }
        int i = 0;
        int j = 0;
        int common = 0;
        while (i < a.length && j < b.length) {
            int c = a[i].compareTo(b[j]);
            if (c == 0) {
                common++;
                i++;
                j++;
            } else if (c < 0) {
                i++;
            } else {
                j++;
            }
        }
        return (double) common / (a.length + b.length - common);
    }

    /** The descriptions' Jaccard similarity as the sketches estimate it (standard error about 0.09); 0 if either has none. */
    public double descriptionSimilarity(JobSignature other) {
        if (!described() || !other.described()) {
            return 0;
        }
        int same = 0;
        for (int i = 0; i < SKETCH; i++) {
            if (sketch[i] == other.sketch[i]) {
                same++;
            }
        }
        return (double) same / SKETCH;
    }

    private static int[] sketch(List<String> words) {
        int shingles = words.size() - SHINGLE + 1;
        if (shingles < MIN_SHINGLES) {
            return new int[0];
        }
        int[] minimum = new int[SKETCH];
        Arrays.fill(minimum, Integer.MAX_VALUE);
        for (int start = 0; start < shingles; start++) {
            long hash = 0xcbf29ce484222325L;
            for (int k = 0; k < SHINGLE; k++) {
                String word = words.get(start + k);
                for (int c = 0; c < word.length(); c++) {
                    hash = (hash ^ word.charAt(c)) * 0x100000001b3L;
                }
                hash = (hash ^ ' ') * 0x100000001b3L;
            }
            for (int i = 0; i < SKETCH; i++) {
                int value = (int) (mix(hash ^ SEEDS[i]) >>> 33);
                if (value < minimum[i]) {
                    minimum[i] = value;
                }
            }
        }
        return minimum;
    }

    /** SplitMix64's finaliser: a well-spread 64-bit hash of a 64-bit value. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    private static long[] seeds() {
        long[] seeds = new long[SKETCH];
        long seed = 20261203L;
        for (int i = 0; i < SKETCH; i++) {
            seed += 0x9e3779b97f4a7c15L;
            seeds[i] = mix(seed);
        }
        return seeds;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof JobSignature other && postingId.equals(other.postingId);
    }

    @Override
    public int hashCode() {
        return postingId.hashCode();
    }

    @Override
    public String toString() {
        return "JobSignature[" + postingId + ", " + String.join(" ", titleWords) + "]";
    }
}
