package com.seatflow.imports;

import java.util.List;
import java.util.Optional;

/** A CSV format operators define in {@code batch-jobs/formats/}: its columns, their types and meaning. */
public record ImportFormat(String name, String description, boolean needsGroup, List<Column> columns) {

    public enum ColumnType {
        EMAIL, TEXT, CODE, LEARNER_ID, PASSWORD, UTC_DATETIME
    }

    public record Column(String name, ColumnType type, boolean required, int maxLength, String example,
            String meaning) {
    }

    public List<String> columnNames() {
        return columns.stream().map(Column::name).toList();
    }

    public Optional<Column> column(String name) {
        return columns.stream().filter(c -> c.name().equals(name)).findFirst();
    }
}
