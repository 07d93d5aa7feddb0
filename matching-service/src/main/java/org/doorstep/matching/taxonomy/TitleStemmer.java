package org.doorstep.matching.taxonomy;

import org.tartarus.snowball.ext.PorterStemmer;

/**
 * The Porter stemmer (Lucene's Snowball implementation) for lower-case ASCII words: "accountant",
 * "accounting" and "accounts" all become "account"; "operator", "operative" and "operation" become
 * "oper". Other words (C++, Chinese) are returned as they are. The Snowball stemmer keeps state, so
 * each thread has its own.
 */
final class TitleStemmer {

    private static final ThreadLocal<PorterStemmer> STEMMER = ThreadLocal.withInitial(PorterStemmer::new);

    private TitleStemmer() {
    }

    static String stem(String word) {
        if (word.length() <= 2) {
            return word;
        }
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            if (c < 'a' || c > 'z') {
                return word;
            }
        }
        PorterStemmer stemmer = STEMMER.get();
        stemmer.setCurrent(word);
        stemmer.stem();
        return stemmer.getCurrent();
    }
}
