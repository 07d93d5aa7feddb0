package org.doorstep.seekers.locations;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where seekers are, for operators, without any one seeker's location: seekers counted in cells of a fixed grid
 * ({@link #CELL_DEGREES} of latitude and longitude), each cell named by its centre; a cell with fewer than
 * {@code minSeekers} seekers is not shown (its seekers are only counted in {@code hidden}), so that no cell points
 * at a handful of people.
 */
public record SeekerMap(double cellDegrees, int minSeekers, List<Cell> cells, long hidden) {

    /** About 11 km north to south: a district, not a street. */
    public static final double CELL_DEGREES = 0.1;

    public SeekerMap {
        cells = List.copyOf(cells);
    }

    /** A cell of the grid: its centre and how many seekers live in it. */
    public record Cell(double lat, double lon, long seekers) {
    }

    /** Counts seekers into cells as their coordinates come; only the cells are kept, never a seeker's coordinates. */
    public static final class Counter {

        private final Map<Long, long[]> counts = new HashMap<>();

        public Counter add(double lat, double lon) {
            if (Double.isFinite(lat) && Double.isFinite(lon) && Math.abs(lat) <= 90 && Math.abs(lon) <= 180) {
                long row = index(lat);
                long column = index(lon);
                counts.computeIfAbsent(row * 10_000 + column, key -> new long[] {row, column, 0})[2]++;
            }
            return this;
        }

        public SeekerMap map(int minSeekers) {
            List<Cell> cells = new ArrayList<>();
            long hidden = 0;
            for (long[] cell : counts.values()) {
                if (cell[2] >= minSeekers) {
                    cells.add(new Cell(centre(cell[0]), centre(cell[1]), cell[2]));
                } else {
                    hidden += cell[2];
                }
            }
            cells.sort(Comparator.comparingDouble(Cell::lat).thenComparingDouble(Cell::lon));
            return new SeekerMap(CELL_DEGREES, minSeekers, cells, hidden);
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
