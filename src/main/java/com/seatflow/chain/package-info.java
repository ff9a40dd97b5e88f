/**
 * Chain management: organisations linked under a head organisation, whose admins (chain managers) may act inside the
 * members, move seats to and from them, and leave an audit trail the members can read.
 */
package com.seatflow.chain;
