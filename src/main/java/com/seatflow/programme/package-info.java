/** Learning managers invite learners to programme runs, one by one or in bulk, and can cancel (seed 004). */
package com.seatflow.programme;
