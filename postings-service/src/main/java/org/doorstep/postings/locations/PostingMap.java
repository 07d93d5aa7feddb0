package org.doorstep.postings.locations;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the open postings are, for the operators' map: counted with their vacancies in cells of the same
 * {@link #CELL_DEGREES} grid as seekers-service's map of seekers, each cell named by its centre.
 */
public record PostingMap(double cellDegrees, List<Cell> cells) {

    /** About 11 km north to south, as the seekers' map. */
    public static final double CELL_DEGREES = 0.1;

    public PostingMap {
        cells = List.copyOf(cells);
    }

    /** A cell of the grid: its centre, its open postings and their vacancies. */
    public record Cell(double lat, double lon, long postings, long vacancies) {
    }

    /** Counts postings into cells as they come; only the cells are kept. */
    public static final class Counter {

        private final Map<Long, long[]> counts = new HashMap<>();

        public Counter add(double lat, double lon, int vacancies) {
            if (Double.isFinite(lat) && Double.isFinite(lon) && Math.abs(lat) <= 90 && Math.abs(lon) <= 180) {
                long row = index(lat);
                long column = index(lon);
                long[] cell = counts.computeIfAbsent(row * 10_000 + column, key -> new long[] {row, column, 0, 0});
                cell[2]++;
                cell[3] += Math.max(0, vacancies);
            }
            return this;
        }

        public PostingMap map() {
            List<Cell> cells = new ArrayList<>();
            for (long[] cell : counts.values()) {
                cells.add(new Cell(centre(cell[0]), centre(cell[1]), cell[2], cell[3]));
            }
            cells.sort(Comparator.comparingDouble(Cell::lat).thenComparingDouble(Cell::lon));
            return new PostingMap(CELL_DEGREES, cells);
        }

        /**
         * The cell a coordinate falls in, counted in whole microdegrees: 46.8 / 0.1 is 467.99999999999994 in binary
         * floating point, which put a point on a grid line into the cell below it.
         */
        private static long index(double degrees) {
            return Math.floorDiv(Math.round(degrees * 1e6), Math.round(CELL_DEGREES * 1e6));
        }

        private static double centre(long index) {
            return Math.round((index + 0.5) * CELL_DEGREES * 1e6) / 1e6;
        }
    }
}
