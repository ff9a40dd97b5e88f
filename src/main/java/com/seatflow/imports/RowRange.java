package com.seatflow.imports;

/** Row numbers {@code from} to {@code to}, both included. */
record RowRange(int from, int to) {
}
