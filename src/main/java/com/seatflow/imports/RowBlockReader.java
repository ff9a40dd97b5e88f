package com.seatflow.imports;

import java.util.ArrayList;
import java.util.List;

import org.springframework.batch.item.ExecutionContext;
import org.springframework.batch.item.ItemStreamReader;

/**
 * Hands out a file's rows in blocks of consecutive rows, one block to each worker that asks, so several workers check
 * and stage different parts of the file side by side while each block stays one contiguous, ordered range. Reading
 * is serialised; a block is the unit Spring Batch counts, so its per-item bookkeeping runs once per block, not per
 * row. Validation is never resumed part-way (an interrupted one is rejected), so no read position is saved.
 */
class RowBlockReader implements ItemStreamReader<List<ParsedRow>> {

    private final CsvRowReader rows;
    private final int blockSize;

    RowBlockReader(CsvRowReader rows, int blockSize) {
        this.rows = rows;
        this.blockSize = Math.max(1, blockSize);
    }

    @Override
    public synchronized List<ParsedRow> read() {
        List<ParsedRow> block = new ArrayList<>(blockSize);
        ParsedRow row;
        while (block.size() < blockSize && (row = rows.read()) != null) {
            block.add(row);
        }
        return block.isEmpty() ? null : block;
    }

    @Override
    public synchronized void open(ExecutionContext executionContext) {
        rows.open(executionContext);
    }

    @Override
    public synchronized void close() {
        rows.close();
    }
}
