package com.seatflow.imports;

/**
 * Called inside each commit chunk's transaction after its rows are applied. The default does nothing; tests use it
 * to fail a chunk part-way and prove that a restarted commit applies every row exactly once.
 */
public interface ImportCommitHook {

    void afterChunkApplied(long importId, int fromRow, int toRow);
}
