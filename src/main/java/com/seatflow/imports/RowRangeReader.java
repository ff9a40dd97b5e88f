package com.seatflow.imports;

import org.springframework.batch.item.ExecutionContext;
import org.springframework.batch.item.ItemStreamReader;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Hands out the staged rows of an import as consecutive row-number ranges, one range per chunk. Its position is saved
 * in the step's execution context with each chunk, so a restarted commit resumes after the last committed range.
 */
class RowRangeReader implements ItemStreamReader<RowRange> {

    private static final String NEXT_ROW = "nextRow";

    private final JdbcClient jdbc;
    private final long importId;
    private final int rowsPerRange;
    private int nextRow;
    private int lastRow;

    RowRangeReader(JdbcClient jdbc, long importId, int rowsPerRange) {
        this.jdbc = jdbc;
        this.importId = importId;
        this.rowsPerRange = rowsPerRange;
    }

    @Override
    public void open(ExecutionContext context) {
        lastRow = jdbc.sql("SELECT COALESCE(MAX(row_number), 0) FROM import_row WHERE import_id = ?").param(importId)
                .query(Integer.class).single();
        nextRow = context.containsKey(NEXT_ROW) ? context.getInt(NEXT_ROW) : 2;
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
