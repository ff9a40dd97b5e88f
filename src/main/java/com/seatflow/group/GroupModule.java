package com.seatflow.group;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;

import com.seatflow.licensing.SeatPool;

/** A module (product) a group holds seats for, in one or more pools. */
record GroupModule(long productId, String code, List<SeatPool> pools) {

    /** The pool a new seat comes from: one still valid with a free seat if there is one, the oldest first. */
    SeatPool poolForNewSeat(Instant now) {
        return pools.stream().min(Comparator.<SeatPool, Boolean>comparing(p -> p.expiredAt(now))
                .thenComparing(p -> p.free() <= 0).thenComparing(SeatPool::id)).orElseThrow();
    }

    ModuleSeats seats(String name, Instant now) {
        return new ModuleSeats(code, name, pools.stream().mapToInt(SeatPool::total).sum(),
                pools.stream().mapToInt(SeatPool::reserved).sum(), pools.stream().mapToInt(SeatPool::consumed).sum(),
                pools.stream().mapToInt(SeatPool::used).sum(),
                pools.stream().filter(p -> !p.expiredAt(now)).mapToInt(SeatPool::free).sum(),
                pools.stream().map(SeatPool::validUntil).filter(v -> v != null).max(Comparator.naturalOrder())
                        .orElse(null));
    }
}
