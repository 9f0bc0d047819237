package org.rdex.server.imports;

/** Town centres shared by the import and search benchmarks. */
public final class ImportBenchmarkTowns {

    public static final double[][] TOWNS = ImportBenchmark.TOWNS;

    private ImportBenchmarkTowns() {
    }
}
