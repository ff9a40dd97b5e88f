package com.seatflow.imports;

import org.springframework.batch.item.ExecutionContext;
import org.springframework.batch.item.ItemStreamReader;

/**
 * Hands out one part of an import's staged rows ({@code firstRow} to {@code lastRow}) as consecutive row-number
 * ranges, one range per chunk. Its position is saved in the step's execution context with each chunk, so a restarted
 * commit resumes after the last committed range of each part.
 */
class RowRangeReader implements ItemStreamReader<RowRange> {

    private static final String NEXT_ROW = "nextRow";

    private final int firstRow;
    private final int lastRow;
    private final int rowsPerRange;
    private int nextRow;

    RowRangeReader(int firstRow, int lastRow, int rowsPerRange) {
        this.firstRow = firstRow;
        this.lastRow = lastRow;
        this.rowsPerRange = rowsPerRange;
    }

    @Override
    public void open(ExecutionContext context) {
        nextRow = context.containsKey(NEXT_ROW) ? context.getInt(NEXT_ROW) : firstRow;
    }

    @Override
    public RowRange read() {
        if (nextRow > lastRow) {
            return null;
        }
        var range = new RowRange(nextRow, Math.min(lastRow, nextRow + rowsPerRange - 1));
        nextRow = range.to() + 1;
        return range;
    }

    @Override
    public void update(ExecutionContext context) {
        context.putInt(NEXT_ROW, nextRow);
    }
}
