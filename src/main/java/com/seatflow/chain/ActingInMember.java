package com.seatflow.chain;

/** A chain manager ({@code actor}, admin of {@code homeOrg}) acting inside the member {@code actingOrg}. */
record ActingInMember(String actor, String homeOrg, String actingOrg) {

    static final String ATTRIBUTE = ActingInMember.class.getName();
}
