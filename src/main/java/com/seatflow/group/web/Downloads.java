package com.seatflow.group.web;

/** File names for downloads: the codes they are made of, with anything unusual replaced. */
final class Downloads {

    private Downloads() {
    }

    static String attachment(String orgCode, String groupCode, String what) {
        return "attachment; filename=\"" + (orgCode + "_" + groupCode).replaceAll("[^A-Za-z0-9._-]", "_") + "_" + what
                + ".csv\"";
    }
}
