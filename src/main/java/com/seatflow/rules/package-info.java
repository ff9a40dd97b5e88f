/**
 * Decisions taken by the Drools rules in the {@code rules/} folder, behind small interfaces
 * ({@link com.seatflow.rules.SeatEligibility}, {@link com.seatflow.rules.InvitationPolicy}) so callers never see Drools.
 */
package com.seatflow.rules;
