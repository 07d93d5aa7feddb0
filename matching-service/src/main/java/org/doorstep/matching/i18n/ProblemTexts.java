package org.doorstep.matching.i18n;

import java.util.Locale;

import org.springframework.context.ApplicationContext;
import org.springframework.context.MessageSource;
import org.springframework.http.ProblemDetail;
import org.springframework.web.server.ServerWebExchange;

/**
 * A problem's human-readable texts ({@code title}, {@code detail}) in the language the request asks for
 * ({@code Accept-Language}), from the application's {@link MessageSource} ({@code messages.properties},
 * {@code messages_zh.properties}): {@code problem.<key>.title} and {@code problem.<key>.detail}, where the key is the
 * problem type's slug unless a case needs its own. What has no translation keeps the English text the code wrote, so
 * English is always complete; a Chinese detail is the general sentence for its type (specifics stay in the problem's
 * own fields, such as {@code errors}). The message source is the exchange's application context, so the static
 * problem factories and the handlers that run before any controller localise the same way as the advice.
 */
public final class ProblemTexts {

    private static final String TYPE_PATH = "/problems/";

    private ProblemTexts() {
    }

    /** The problem with its title and detail in the request's language, looked up by its type's slug. */
    public static ProblemDetail localize(ProblemDetail problem, ServerWebExchange exchange) {
        String path = problem.getType().getPath();
        int at = path == null ? -1 : path.indexOf(TYPE_PATH);
        return at < 0 ? problem : localize(problem, path.substring(at + TYPE_PATH.length()), exchange);
    }

    /** The problem with its title and detail in the request's language, looked up by {@code key}. */
    public static ProblemDetail localize(ProblemDetail problem, String key, ServerWebExchange exchange) {
        problem.setTitle(text("problem." + key + ".title", problem.getTitle(), exchange));
        problem.setDetail(text("problem." + key + ".detail", problem.getDetail(), exchange));
        return problem;
    }

    /** The message {@code code} in the request's language, or {@code english} where it has none. */
    public static String text(String code, String english, ServerWebExchange exchange) {
        ApplicationContext messages = exchange.getApplicationContext();
        if (messages == null) {
            return english;
        }
        Locale locale = locale(exchange);
        // no language asked for (or none readable): the base bundle, English, where a service words a text its own way
        String text = messages.getMessage(code, null, null, locale == null ? Locale.ROOT : locale);
        return text == null ? english : text;
    }

    private static Locale locale(ServerWebExchange exchange) {
        try {
            return exchange.getLocaleContext().getLocale();
        } catch (RuntimeException unreadable) {
            return null; // an Accept-Language that is not a list of language ranges: the texts stay English
        }
    }
}
