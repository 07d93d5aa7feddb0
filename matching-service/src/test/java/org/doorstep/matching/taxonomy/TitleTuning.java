package org.doorstep.matching.taxonomy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

import org.doorstep.matching.bench.SharedData;
import org.doorstep.matching.bench.TaxonomyQuality;

/**
 * Where the title matcher's settings were chosen: a validation fold of the training titles, never the
 * held-out 20% that {@code TaxonomyQuality} reports. The training titles (ESCO alternative titles outside
 * the held-out split) are split again by a second fixed hash: a fifth of them are the validation titles,
 * and the vocabulary is built from the preferred labels and the rest. Prints accuracy@1 and @5 by concept
 * and by ISCO unit group on that fold, and a sample of the misses ({@code -Dmisses=40}).
 */
public final class TitleTuning {

    record Row(String uri, String label, int isco, List<String> aliases) {
    }

    record Case(Row row, String title) {
    }

    public static void main(String[] args) {
        Path esco = SharedData.require().resolve("esco");
        List<Row> rows = new ArrayList<>();
        CsvReader.forEach(esco.resolve("occupations_en.csv"), r -> {
            int isco = IscoCode.parse(r.get("iscoGroup"));
            if (r.get("conceptUri") != null && r.get("preferredLabel") != null && isco != 0) {
                rows.add(new Row(r.get("conceptUri"), r.get("preferredLabel"), isco, EscoLoader.lines(r.get("altLabels"))));
            }
        });
        int misses = Integer.getInteger("misses", 0);
        print("validation fold (a fifth of the training titles):");
        evaluate(rows, TitleMatcher::new, misses);
    }

    /** The validation titles: a fifth of the training ones, by a hash independent of the held-out split's. */
    static boolean validation(String uri, String title) {
        return !TaxonomyQuality.heldOut(uri, title) && TaxonomyQuality.heldOut("validation|" + uri, title);
    }

    static double[] evaluate(List<Row> rows, Supplier<TitleMatcher> factory, int misses) {
        TitleMatcher matcher = factory.get();
        List<Case> cases = new ArrayList<>();
        for (Row row : rows) {
            matcher.add(LabelNormaliser.normalise(row.label()), new Occupation(row.uri(), row.label(), row.isco()));
        }
        for (Row row : rows) {
            Occupation occupation = new Occupation(row.uri(), row.label(), row.isco());
            for (String alias : row.aliases()) {
                if (TaxonomyQuality.heldOut(row.uri(), alias)) {
                    continue;
                }
                if (validation(row.uri(), alias)) {
                    cases.add(new Case(row, alias));
                } else {
                    matcher.add(LabelNormaliser.normalise(alias), occupation);
                }
            }
        }
        matcher.seal();
        int at1 = 0;
        int at5 = 0;
        int isco1 = 0;
        int isco5 = 0;
        int shown = 0;
        java.io.PrintStream dump = dumpFile();
        for (Case c : cases) {
            List<Occupation> ranked = matcher.rank(LabelNormaliser.normalise(c.title()), 5);
            int rank = -1;
            for (int i = 0; i < ranked.size(); i++) {
                if (ranked.get(i).key().equals(c.row().uri())) {
                    rank = i;
                    break;
                }
            }
            at1 += rank == 0 ? 1 : 0;
            at5 += rank >= 0 ? 1 : 0;
            for (int i = 0; i < ranked.size(); i++) {
                if (ranked.get(i).isco() == c.row().isco()) {
                    isco1 += i == 0 ? 1 : 0;
                    isco5++;
                    break;
                }
            }
            if (dump != null) {
                dump.println(rank + "\t" + c.row().uri() + "\t" + c.title() + "\t"
                        + String.join("|", ranked.stream().map(Occupation::key).toList()));
            }
            if (rank != 0 && shown < misses) {
                shown++;
                print("  miss (rank %d) '%s' of '%s': %s", rank + 1, c.title(), c.row().label(),
                        ranked.stream().limit(3).map(Occupation::label).toList());
            }
        }
        if (dump != null) {
            dump.close();
        }
        int n = cases.size();
        print("  %,d titles; by concept @1 %.1f%% @5 %.1f%%; by ISCO unit group @1 %.1f%% @5 %.1f%%", n,
                100.0 * at1 / n, 100.0 * at5 / n, 100.0 * isco1 / n, 100.0 * isco5 / n);
        return new double[] {(double) at1 / n, (double) at5 / n};
    }

    private static java.io.PrintStream dumpFile() {
        String file = System.getProperty("dump");
        try {
            return file == null ? null : new java.io.PrintStream(file, java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void print(String format, Object... args) {
        System.out.println(String.format(Locale.ROOT, format, args));
    }

    private TitleTuning() {
    }
}
