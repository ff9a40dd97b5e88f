/** Products, seat pools and the append-only seat ledger that every pool change is written to. */
package com.seatflow.licensing;
