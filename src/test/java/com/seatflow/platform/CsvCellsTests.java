package com.seatflow.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Cells a spreadsheet would run as a formula get a leading quote; every other cell is written as it is. */
class CsvCellsTests {

    @ParameterizedTest(name = "a cell starting with {0} is quoted away")
    @ValueSource(strings = {"=", "+", "-", "@", "\t", "\r"})
    void aCellStartingWithAFormulaCharacterGetsALeadingQuote(String first) {
        String cell = first + "SUM(A1:A9)";

        assertThat(CsvCells.neutralise(cell)).isEqualTo("'" + cell);
    }

    @ParameterizedTest(name = "a cell starting with {0} stays as it is")
    @ValueSource(strings = {"ada@example.org", "2027-01-01", "L-1", "'quoted", " =spaced", "x=1+2"})
    void anyOtherCellIsLeftAsItIs(String cell) {
        assertThat(CsvCells.neutralise(cell)).isEqualTo(cell);
    }

    @Test
    void emptyAndMissingCellsStayEmptyAndMissing() {
        assertThat(CsvCells.neutralise("")).isEmpty();
        assertThat(CsvCells.neutralise(null)).isNull();
    }
}
