package com.seatflow.ingest;

import java.util.List;

/**
 * Reads the import's target from a dropped file's path inside the drop folder:
 * {@code <org>/<format>/<file>.csv} or, for formats that need a group, {@code <org>/<format>/<group>/<file>.csv}.
 */
record DropFolderPath(String org, String format, String group, String fileName) {

    static DropFolderPath parse(String relativePath) {
        List<String> parts = List.of(relativePath.replace('\\', '/').split("/"));
        if (parts.size() == 3) {
            return new DropFolderPath(parts.get(0), parts.get(1), null, parts.get(2));
        }
        if (parts.size() == 4) {
            return new DropFolderPath(parts.get(0), parts.get(1), parts.get(2), parts.get(3));
        }
        throw new IllegalArgumentException("'" + relativePath + "' is not <org>/<format>/[<group>/]<file>.csv");
    }
}
