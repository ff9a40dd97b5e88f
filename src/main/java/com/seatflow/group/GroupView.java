package com.seatflow.group;

import java.util.List;

/** A group as its administrators see it: its modules with their seats, how many members it has, who runs it. */
public record GroupView(String orgCode, String orgName, String groupCode, String groupName, List<ModuleSeats> modules,
        int members, List<String> administrators) {
}
