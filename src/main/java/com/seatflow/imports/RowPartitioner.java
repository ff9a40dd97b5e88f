package com.seatflow.imports;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.batch.core.partition.support.Partitioner;
import org.springframework.batch.item.ExecutionContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Splits an import's staged rows into at most {@code gridSize} consecutive parts of about the same size, each applied
 * by its own worker step. Row 1 is the header, so data rows start at 2.
 */
class RowPartitioner implements Partitioner {

    static final String FIRST_ROW = "firstRow";
    static final String LAST_ROW = "lastRow";

    private final JdbcClient jdbc;
    private final long importId;

    RowPartitioner(JdbcClient jdbc, long importId) {
        this.jdbc = jdbc;
        this.importId = importId;
    }

    @Override
    public Map<String, ExecutionContext> partition(int gridSize) {
        int lastRow = jdbc.sql("SELECT COALESCE(MAX(row_number), 1) FROM import_row WHERE import_id = ?")
                .param(importId).query(Integer.class).single();
        int rows = lastRow - 1;
        int parts = Math.max(1, Math.min(gridSize, rows));
        Map<String, ExecutionContext> partitions = new LinkedHashMap<>();
        int from = 2;
        for (int part = 0; part < parts; part++) {
            int size = rows / parts + (part < rows % parts ? 1 : 0);
            ExecutionContext context = new ExecutionContext();
            context.putInt(FIRST_ROW, from);
            context.putInt(LAST_ROW, from + size - 1);
            partitions.put("part" + part, context);
            from += size;
        }
        return partitions;
    }
}
