package com.seatflow.rules;

import java.time.Instant;

/** A fact the seat-eligibility rules judge: someone redeems an enrolment key of a group. */
public class KeyRedemption {

    private final boolean keyFound;
    private final String groupName;
    private final int uses;
    private final int useLimit;
    private final Instant keyExpiresAt;
    private final boolean keyExpired;
    private final boolean alreadyMember;
    private final int moduleCount;

    /** A code that matches no key. */
    public static KeyRedemption unknownKey() {
        return new KeyRedemption(false, null, 0, 0, null, Instant.EPOCH, false, 0);
    }

    /**
     * @param alreadyMember whether the learner already belongs to the key's group
     * @param moduleCount the modules the group holds seats for
     */
    public KeyRedemption(String groupName, int uses, int useLimit, Instant keyExpiresAt, Instant now,
            boolean alreadyMember, int moduleCount) {
        this(true, groupName, uses, useLimit, keyExpiresAt, now, alreadyMember, moduleCount);
    }

    private KeyRedemption(boolean keyFound, String groupName, int uses, int useLimit, Instant keyExpiresAt,
            Instant now, boolean alreadyMember, int moduleCount) {
        this.keyFound = keyFound;
        this.groupName = groupName;
        this.uses = uses;
        this.useLimit = useLimit;
        this.keyExpiresAt = keyExpiresAt;
        this.keyExpired = keyExpiresAt != null && !keyExpiresAt.isAfter(now);
        this.alreadyMember = alreadyMember;
        this.moduleCount = moduleCount;
    }

    public boolean isKeyFound() {
        return keyFound;
    }

    public String getGroupName() {
        return groupName;
    }

    public int getUses() {
        return uses;
    }

    public int getUseLimit() {
        return useLimit;
    }

    public boolean isUsedUp() {
        return uses >= useLimit;
    }

    public Instant getKeyExpiresAt() {
        return keyExpiresAt;
    }

    public boolean isKeyExpired() {
        return keyExpired;
    }

    public boolean isAlreadyMember() {
        return alreadyMember;
    }

    public int getModuleCount() {
        return moduleCount;
    }
}
