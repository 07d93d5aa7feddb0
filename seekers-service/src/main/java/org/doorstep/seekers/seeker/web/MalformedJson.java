package org.doorstep.seekers.seeker.web;

import java.util.regex.Pattern;

import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;

/**
 * Why a body is not the JSON it should be, in words for the client: the parser's own sentence and where it stopped,
 * without what it says about this service's insides (the class a body was bound as, the parser settings that would
 * allow it), which exploratory testing found in answers ("bound as `org.doorstep...PostingRequest`", "enable
 * `JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS`").
 */
public final class MalformedJson {

    /** Where Jackson's sentence turns to its insides: a bound class, a feature to enable, a setting to change. */
    private static final Pattern INSIDES = Pattern.compile(
            "\\s*(\\(bound as `|: not allowed as per `|: enable `|\\(set `|\\(for `|; enable `|\\n at \\[Source).*", Pattern.DOTALL);

    private MalformedJson() {
    }

    public static String reason(JacksonException e) {
        String sentence = e.getOriginalMessage() == null ? "unreadable" : INSIDES.matcher(e.getOriginalMessage()).replaceFirst("");
        sentence = sentence.length() > 200 ? sentence.substring(0, 200) + "..." : sentence;
        TokenStreamLocation at = e.getLocation();
        return "malformed JSON: " + sentence + (at == null || at.getLineNr() < 1 ? ""
                : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")");
    }
}
