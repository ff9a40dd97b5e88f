package com.seatflow.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MailImportAddressTests {

    static final String MAILBOX = "imports@example.com";

    @Test
    void anAddressIsThePlusAddressOfTheMailboxWithOrganisationAndTag() {
        assertThat(new MailImportAddress("acme", "00ff").format(MAILBOX)).isEqualTo("imports+acme.00ff@example.com");
    }

    @Test
    void parsingReadsOrganisationAndTagBackEvenWhenTheOrganisationCodeHasDots() {
        assertThat(MailImportAddress.parse("imports+acme.eu.00ff@example.com", MAILBOX))
                .contains(new MailImportAddress("acme.eu", "00ff"));
    }

    @Test
    void theMailboxPartIsMatchedWithoutRegardToCaseAsMailServersDo() {
        assertThat(MailImportAddress.parse("Imports+acme.00ff@EXAMPLE.com", MAILBOX))
                .contains(new MailImportAddress("acme", "00ff"));
    }

    @Test
    void otherAddressesAreNotImportAddresses() {
        assertThat(MailImportAddress.parse("imports@example.com", MAILBOX)).isEmpty();
        assertThat(MailImportAddress.parse("imports+acme@example.com", MAILBOX)).as("no tag").isEmpty();
        assertThat(MailImportAddress.parse("imports+acme.@example.com", MAILBOX)).as("empty tag").isEmpty();
        assertThat(MailImportAddress.parse("imports+acme.00ff@example.org", MAILBOX)).as("other domain").isEmpty();
        assertThat(MailImportAddress.parse("sales+acme.00ff@example.com", MAILBOX)).as("other mailbox").isEmpty();
        assertThat(MailImportAddress.parse(null, MAILBOX)).isEmpty();
    }
}
