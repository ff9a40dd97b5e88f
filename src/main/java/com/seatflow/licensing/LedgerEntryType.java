package com.seatflow.licensing;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** What a seat ledger entry records; {@link #label()} is the word the ledger API and its export show. */
public enum LedgerEntryType {
    PURCHASE("bought"),
    ADD_SEATS("added"),
    TRANSFER_OUT("transferred"),
    TRANSFER_IN("transferred"),
    ALLOCATE("allocated"),
    RESERVE("reserved"),
    RELEASE("released"),
    CONSUME("consumed"),
    REFUND("refunded"),
    EXPIRE("expired");

    private final String label;

    LedgerEntryType(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /**
     * The types a filter names: labels ({@code bought}, {@code transferred}, …) or type names ({@code PURCHASE},
     * {@code transfer_in}, …), case-insensitive, several separated by commas.
     *
     * @throws IllegalArgumentException naming the unknown word and the accepted ones
     */
    public static Set<LedgerEntryType> parse(String filter) {
        EnumSet<LedgerEntryType> types = EnumSet.noneOf(LedgerEntryType.class);
        for (String word : filter.split(",")) {
            String w = word.trim().toLowerCase(Locale.ROOT);
            if (w.isEmpty()) {
                continue;
            }
            EnumSet<LedgerEntryType> matching = EnumSet.noneOf(LedgerEntryType.class);
            for (LedgerEntryType type : values()) {
                if (type.label.equals(w) || type.name().toLowerCase(Locale.ROOT).equals(w)) {
                    matching.add(type);
                }
            }
            if (matching.isEmpty()) {
                throw new IllegalArgumentException("Unknown ledger entry type '" + word.trim() + "'; use one of "
                        + Arrays.stream(values()).map(LedgerEntryType::label).distinct()
                                .collect(Collectors.joining(", ")));
            }
            types.addAll(matching);
        }
        if (types.isEmpty()) {
            throw new IllegalArgumentException("The type filter names no ledger entry type");
        }
        return types;
    }
}
