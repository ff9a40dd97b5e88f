package com.seatflow.rules;

/** A fact the import-policy rules judge: a valid import about to be reviewed. */
public class ImportReviewRequest {

    private final String orgCode;
    private final String format;
    private final String source;
    private final int newRows;

    /**
     * @param source where the file came from: REST, DROP_FOLDER, SFTP or EMAIL
     * @param newRows the rows that take a seat (rows whose learner already has what they ask for do not)
     */
    public ImportReviewRequest(String orgCode, String format, String source, int newRows) {
        this.orgCode = orgCode;
        this.format = format;
        this.source = source;
        this.newRows = newRows;
    }

    public String getOrgCode() {
        return orgCode;
    }

    public String getFormat() {
        return format;
    }

    public String getSource() {
        return source;
    }

    public int getNewRows() {
        return newRows;
    }
}
