/** The REST API of the inbound channels: an organisation's SFTP integrations. */
package com.seatflow.ingest.web;
